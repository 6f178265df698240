// Entry of the classic-script embed build (dist/embed/durability-lab.js): defines <durability-lab>.
import { defineDurabilityLab } from './element';

defineDurabilityLab();
