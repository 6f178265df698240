/** An answer from the worker that will not come: the worker was ended on purpose (cancelled) or it failed. */
export class WorkerGone extends Error {
  override readonly name = 'WorkerGone';
  constructor(readonly cancelled: boolean) {
    super(cancelled ? 'the computation was cancelled' : 'the simulation worker failed');
  }
}
