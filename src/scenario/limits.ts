// Scenario files come from strangers (a shared URL, a dropped file) and run inside a browser tab, so every
// size a file can ask for is capped. Each cap is far above what a lesson needs and low enough that the
// worst accepted file still finishes in seconds and fits in memory. README: "Limits of a scenario file".
export const LIMITS = {
  /** A raw file above this is refused before YAML parsing starts. */
  maxFileBytes: 256 * 1024,
  /**
   * Alias expansions allowed while turning YAML into data: each use of an alias, plus each alias inside the
   * value it copies. Stops "billion laughs" files.
   */
  maxYamlAliases: 100,
  /**
   * Mappings and lists inside one another (the top-level mapping is 1). The deepest a valid file needs is
   * 8 (a comparison inside a lesson task's goal list); reading is recursive, so past this it is refused.
   */
  maxNestingDepth: 32,
  /** Simulated time of one run, in seconds: an hour is plenty to watch a failover; ten years is refused. */
  maxDurationS: 3600,
  /**
   * Open-loop requests per second, writes and reads each (10^9 writes/s is refused): enough to drive a
   * node past its ceiling (about 300K op/s); maxOpsPerRun bounds the run.
   */
  maxRatePerSec: 1_000_000,
  /** Closed-loop connections and the requests each keeps outstanding. */
  maxConnections: 10_000,
  maxPipeline: 64,
  /** (writesPerSec + readsPerSec) × durationS for one preset: bounds history size and run time. */
  maxOpsPerRun: 5_000_000,
  /** Replicas besides the primary (10^6 nodes is refused). */
  maxReplicas: 5,
  /** Shards of a cluster in a file (the app draws up to maxAppShards of them). */
  maxShards: 100,
  maxAppShards: 15,
  /** Presets compared side by side in one scenario. */
  maxPresets: 4,
  maxFaults: 200,
  maxKeys: 1_000_000,
  maxValueBytes: 1_048_576,
  maxTitleChars: 200,
  maxDescriptionChars: 5000,
  maxLabelChars: 60,
  /** Lesson text: every caption, question, choice and explanation is capped, so one step cannot flood the page. */
  maxLessonSteps: 50,
  maxSummaryChars: 500,
  maxCaptionChars: 2000,
  maxQuestionChars: 500,
  maxChoices: 6,
  maxChoiceChars: 200,
  maxExplanationChars: 2000,
  maxInstructionChars: 1000,
  maxSourcesPerItem: 16,
  maxGoalsPerTask: 8,
  /** Problems listed in one error message; the rest are counted. */
  maxReportedIssues: 10,
  /** Characters of an offending value quoted in an error message. */
  maxQuotedChars: 60,
} as const;
