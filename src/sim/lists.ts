// Queues kept as an array and a head index drop their consumed front from time to time.

/**
 * Remove the first n elements in place. Array.prototype.splice would also build an array of the removed
 * elements, garbage on every call, and these calls come once every few dozen client operations.
 */
export function dropFront<T>(list: T[], n: number): void {
  if (n <= 0) return;
  list.copyWithin(0, n);
  list.length -= n;
}
