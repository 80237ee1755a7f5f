/**
 * Fault switches: what a flaky VICIdial or the network between does to a request. A fault
 * may be limited to one function and to a number of requests, so a test can fail the first
 * attempt and let the retry through.
 */
export type FaultKind =
	/** Answer after `ms` more milliseconds. */
	| 'latency'
	/** HTTP 500 with an HTML error page. */
	| 'http500'
	/** HTTP 500 with an empty body, as PHP 8 gives when mysqli throws (notes §7.9). */
	| 'empty500'
	/** Destroy the socket before answering. */
	| 'reset'
	/** Never answer (the client's timeout must fire). */
	| 'timeout'
	/** Send the reply one byte every `ms` milliseconds. */
	| 'slowBody'
	/** Run the function, then destroy the socket: the change is applied but the client never learns it. */
	| 'resetAfterApply';

export interface Fault {
	kind: FaultKind;
	/** Only requests for this function (any function when unset). */
	fn?: string;
	/** How many matching requests it affects (unlimited when unset). */
	times?: number;
	ms?: number;
}

export class FaultSwitches {
	private faults: Fault[] = [];

	add(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clear(): void {
		this.faults = [];
	}

	list(): readonly Fault[] {
		return this.faults;
	}

	/** The faults that apply to this request, counting them down. */
	take(fn: string): Fault[] {
		const hits: Fault[] = [];
		for (const fault of this.faults) {
			if (fault.fn && fault.fn !== fn) continue;
			if (fault.times !== undefined) {
				if (fault.times <= 0) continue;
				fault.times -= 1;
			}
			hits.push(fault);
		}
		this.faults = this.faults.filter((fault) => fault.times === undefined || fault.times > 0);
		return hits;
	}
}
