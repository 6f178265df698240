// Entry of the single-file embed build (dist/embed/durability-lab.js): defines <durability-lab>.
import { defineDurabilityLab } from './element';

defineDurabilityLab();
