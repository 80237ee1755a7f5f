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
	| 'resetAfterApply'
	/** Run the function, then never answer: the change is applied and the client's timeout must fire. */
	| 'timeoutAfterApply'
	/**
	 * Hold the request unapplied until the same request arrives again (the client's retry after
	 * its timeout), or `ms` at most (10 s by default), then run it: PHP still busy with the first
	 * attempt while the retry is already on its way. Answered only if the client still listens.
	 */
	| 'lateApply'
	/**
	 * add_lead waits `ms` between its duplicate check and its insert, as the PHP's SELECT and
	 * INSERT can be apart under load: two requests for one number may then both pass the check.
	 * Combines with any other fault.
	 */
	| 'raceWindow';

export interface Fault {
	kind: FaultKind;
	/** Only requests for this function (any function when unset). */
	fn?: string;
	/** How many matching requests it affects (unlimited when unset). */
	times?: number;
	ms?: number;
	/**
	 * The chance (0-1) that a matching request is affected, drawn from the switches' seeded
	 * generator, so a run with the same seed and order of requests meets the same faults.
	 */
	rate?: number;
}

/** mulberry32: a small seeded generator, the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultSwitches {
	private faults: Fault[] = [];
	private random = seededRandom(1);

	/** Restart the generator that `rate` draws from. */
	seed(seed: number): void {
		this.random = seededRandom(seed);
	}

	add(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clear(): void {
		this.faults = [];
		this.random = seededRandom(1);
	}

	list(): readonly Fault[] {
		return this.faults;
	}

	/** The faults that apply to this request, counting them down. */
	take(fn: string): Fault[] {
		const hits: Fault[] = [];
		for (const fault of this.faults) {
			if (fault.fn && fault.fn !== fn) continue;
			if (fault.rate !== undefined && this.random() >= fault.rate) continue;
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
