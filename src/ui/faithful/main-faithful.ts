// Entry of faithful.html: mounts the calibration page with the committed report bundled in.
import { mount } from 'svelte';
import FaithfulPage from './FaithfulPage.svelte';
import reportJson from '../../../calibration/report.json';
import type { Report } from '../../calibrate/report';
import { MODEL_CHANGES } from '../../calibrate/changes';
import { KNOWN_DISAGREEMENTS } from '../../calibrate/known';
import '../global.css';

const target = document.getElementById('app');
if (!target) throw new Error('faithful.html has no element with id "app" to mount into');

mount(FaithfulPage, { target, props: { report: reportJson as Report, changes: MODEL_CHANGES, known: KNOWN_DISAGREEMENTS } });
