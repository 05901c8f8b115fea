export { RecordingRunner, type Recorded } from './runner/recording-runner.js';
export { runHooks, testContext } from './testing/harness.js';
