// Every experiment, in the order the report lists them.
import { asyncCrash } from './async-crash';
import { aofCrash } from './aof-crash';
import { loadTime } from './load-time';
import { latencyOrder } from './latency-order';
import { minReplicas } from './min-replicas';
import { rdbCrash } from './rdb-crash';
import { waitCrash } from './wait-crash';
import { throughput } from './throughput';
import type { Experiment } from './context';

export const EXPERIMENTS: Experiment[] = [asyncCrash, waitCrash, minReplicas, rdbCrash, aofCrash, loadTime, latencyOrder, throughput];
