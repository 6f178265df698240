// The built-in curriculum, bundled by Vite from scenarios/lessons/. Kept apart from curriculum.ts so that
// code run outside Vite (the command line) can build a curriculum from files without import.meta.glob.
import { buildCurriculum, type CurriculumEntry } from './curriculum';

const files = import.meta.glob('../../scenarios/lessons/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const CURRICULUM: readonly CurriculumEntry[] = buildCurriculum(files);
