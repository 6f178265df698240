import { mount } from 'svelte';
import { CURRICULUM } from '../lesson/builtin';
import { useCurriculum } from '../lesson/curriculum-loader';
import App from './App.svelte';
import { DEFAULT_CONFIG } from './config';
import { registerDefaultScenario } from './scenario-default';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no element with id "app" to mount into');

// The lab offers the lessons, and `?lesson=` may open one: the app reads them with its first script.
useCurriculum(CURRICULUM);
registerDefaultScenario();

// A plain visit mounts at once; a link is decoded first (its checks load with it, only when needed). A bad
// link never leaves a blank page: the lab opens on what was usable and says what was not.
if (location.search === '') {
  mount(App, { target, props: { page: { address: true, present: false, problems: [] } } });
} else {
  Promise.all([import('./share/link'), import('./scenarios')])
    .then(([{ openLink }, { SCENARIOS }]) => openLink(location.search, SCENARIOS))
    .catch((error: unknown) => ({
      config: DEFAULT_CONFIG,
      present: false,
      problems: [`This link could not be read: ${error instanceof Error ? error.message : String(error)}`],
    }))
    .then(({ config, present, problems }) => mount(App, { target, props: { config, page: { address: true, present, problems } } }));
}
