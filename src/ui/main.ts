import { mount } from 'svelte';
import { loadCurriculum } from '../lesson/curriculum-loader';
import App from './App.svelte';
import { DEFAULT_CONFIG } from './config';
import { SCENARIOS } from './scenarios';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no element with id "app" to mount into');

// A plain visit mounts once the lessons are read (the lab offers them; `?lesson=` may open one); a link is
// decoded first (its checks load with it, only when needed). A bad link never leaves a blank page: the lab
// opens on what was usable and says what was not.
const curriculum = loadCurriculum();
if (location.search === '') {
  void curriculum.catch(() => []).then(() => mount(App, { target, props: { page: { address: true, present: false, problems: [] } } }));
} else {
  Promise.all([import('./share/link'), curriculum])
    .then(([{ openLink }]) => openLink(location.search, SCENARIOS))
    .catch((error: unknown) => ({
      config: DEFAULT_CONFIG,
      present: false,
      problems: [`This link could not be read: ${error instanceof Error ? error.message : String(error)}`],
    }))
    .then(({ config, present, problems }) => mount(App, { target, props: { config, page: { address: true, present, problems } } }));
}
