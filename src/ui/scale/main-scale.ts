// Entry of scale.html: mounts the shard-scaling page with the committed sweep report bundled in.
import { mount } from 'svelte';
import ScalePage from './ScalePage.svelte';
import reportJson from '../../../calibration/scale.json';
import type { ScaleReport } from '../../scale/types';
import '../global.css';

const target = document.getElementById('app');
if (!target) throw new Error('scale.html has no element with id "app" to mount into');

mount(ScalePage, { target, props: { report: reportJson as ScaleReport } });
