import { mount } from 'svelte';
import App from './App.svelte';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no element with id "app" to mount into');

mount(App, { target });
