// The full lab's panels, which App.svelte imports on their own (an embed's minimal controls never load
// them): the app's page imports them here with its entry, so they come in its first download and the
// panels appear with the lab rather than after it.
import './share/ShareBar.svelte';
import './lesson/Lessons.svelte';
import './lesson/LessonsButton.svelte';
import './faults/ScenarioFaults.svelte';
import './glossary/Glossary.svelte';
import './eventlog/EventLog.svelte';
import './controls/Setup.svelte';
