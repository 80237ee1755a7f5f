/**
 * VICIdial Poll Trigger, Recording ready: through n8n-core's PollContext against the simulator,
 * whose recording_log rows get their location when the file is ready, as VICIdial's do.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { addRecording, finishRecording } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { simCredentials } from '../helpers/harness.cjs';
import { LOCAL_ZONE, pollHarness } from '../helpers/poll.cjs';
import { withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((s) => (sim = s));

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const watch = (extra = {}) => pollHarness({ watch: 'recordingReady', agentUser: '1000', ...extra }, simCredentials(sim.url));
const calls = () => sim.log.filter((r) => r.fn === 'recording_lookup');

describe('VICIdial Poll Trigger: recording ready', () => {
	it('fires once for each recording that becomes ready after activation, with its URL', async () => {
		const trigger = watch();
		const old = addRecording(sim.state, { user: '1000', lead_id: 4, start_time: minutesAgo(10) });
		finishRecording(sim.state, old.recording_id);
		expect((await trigger.poll()).none).toBe(true);

		// Recording starts: a row without location is not ready yet.
		const rec = addRecording(sim.state, { user: '1000', lead_id: 4 });
		expect((await trigger.poll()).none).toBe(true);

		const ready = finishRecording(sim.state, rec.recording_id, 95);
		const fired = await trigger.poll();
		expect(fired.error).toBeUndefined();
		expect(fired.items).toEqual([
			{
				event: 'recording.ready',
				recording_id: rec.recording_id,
				start_time: rec.start_time,
				user: '1000',
				lead_id: 4,
				duration: 95,
				location: ready.location,
				url: ready.location,
			},
		]);
		expect(ready.location).toMatch(/^http:\/\/.+\/RECORDINGS\/MP3\/.+-all\.mp3$/);
		// Already fired: later polls stay quiet.
		expect((await trigger.poll()).none).toBe(true);
		expect((await trigger.poll()).none).toBe(true);
		// One request per poll (the cursor's day is today).
		expect(calls()).toHaveLength(5);
		for (const request of calls()) expect(request.params).toMatchObject({ function: 'recording_lookup', agent_user: '1000', duration: 'Y' });
	});

	it('neither replays nor loses across a restart from the saved static data', async () => {
		const trigger = watch();
		await trigger.poll();
		const first = addRecording(sim.state, { user: '1000', lead_id: 4, location: 'http://127.0.0.1/RECORDINGS/MP3/a-all.mp3' });
		expect((await trigger.poll()).items.map((i) => i.recording_id)).toEqual([first.recording_id]);

		// n8n stops; a recording becomes ready while it is down.
		const second = addRecording(sim.state, { user: '1000', lead_id: 4, location: 'http://127.0.0.1/RECORDINGS/MP3/b-all.mp3' });
		trigger.restart();
		expect((await trigger.poll()).items.map((i) => i.recording_id)).toEqual([second.recording_id]);
		trigger.restart();
		expect((await trigger.poll()).none).toBe(true);
		expect(trigger.saved()['node:Poll']).toMatchObject({ recordings: { seen: [[String(first.recording_id), first.start_time], [String(second.recording_id), second.start_time]] } });
	});

	it('looks back on the first poll only when asked', async () => {
		const earlier = addRecording(sim.state, { user: '1000', lead_id: 4, start_time: minutesAgo(20), location: '/RECORDINGS/MP3/c-all.mp3' });
		addRecording(sim.state, { user: '1000', lead_id: 4, start_time: minutesAgo(90), location: '/RECORDINGS/MP3/d-all.mp3' });
		addRecording(sim.state, { user: '1001', lead_id: 4, start_time: minutesAgo(5), location: '/RECORDINGS/MP3/e-all.mp3' });

		expect((await watch().poll()).none).toBe(true);

		// Day-crossing tests are skipped near midnight: the look-back would reach yesterday.
		if (minutesAgo(30).getDate() !== new Date().getDate()) return;
		const trigger = watch({ options: { lookBackMinutes: 30 } });
		const fired = await trigger.poll();
		// Within 30 minutes, this agent's only; a path location becomes a URL on the credential's server.
		expect(fired.items).toEqual([expect.objectContaining({ recording_id: earlier.recording_id, url: `${sim.url}/RECORDINGS/MP3/c-all.mp3` })]);
		expect((await trigger.poll()).none).toBe(true);
	});

	it('a server error fails the poll and leaves the cursor where it was', async () => {
		const trigger = watch();
		await trigger.poll();
		const before = trigger.live();
		const rec = addRecording(sim.state, { user: '1000', lead_id: 4, location: 'http://127.0.0.1/RECORDINGS/MP3/f-all.mp3' });
		sim.faults.add({ kind: 'http500', fn: 'recording_lookup', times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('recording_lookup: VICIdial answered HTTP 500');
		expect(failed.error?.context?.code).toBe('server');
		expect(trigger.live()).toEqual(before);
		expect(trigger.saved()).toEqual(before);
		// The next poll catches up.
		expect((await trigger.poll()).items.map((i) => i.recording_id)).toEqual([rec.recording_id]);
	});

	it('a refused login fails the poll with VICIdial\'s reason and no secret', async () => {
		const trigger = pollHarness({ watch: 'recordingReady', agentUser: '1000' }, simCredentials(sim.url, { password: 'wrongpass77' }));
		const failed = await trigger.poll();
		expect(failed.error?.context?.code).toBe('auth');
		expect(JSON.stringify({ m: failed.error?.message, d: failed.error?.description })).not.toContain('wrongpass77');
		expect(trigger.live()['node:Poll'] ?? {}).toEqual({});
	});

	it('refuses a bad Agent User before sending, naming the field', async () => {
		const failed = await watch({ agentUser: 'x' }).poll();
		expect(failed.error?.message).toMatch(/Agent User/);
		expect(failed.error?.context?.code).toBe('validation');
		expect(sim.log).toHaveLength(0);
	});

	it('manual mode returns the newest ready recording from the server and saves nothing', async () => {
		addRecording(sim.state, { user: '1000', lead_id: 4, start_time: minutesAgo(2), location: 'http://127.0.0.1/RECORDINGS/MP3/g-all.mp3' });
		const newest = addRecording(sim.state, { user: '1000', lead_id: 4, start_time: minutesAgo(1), location: 'http://127.0.0.1/RECORDINGS/MP3/h-all.mp3' });
		addRecording(sim.state, { user: '1000', lead_id: 4 }); // not ready
		const trigger = watch();
		const sample = await trigger.poll('manual');
		if (minutesAgo(2).getDate() !== new Date().getDate()) return;
		expect(sample.items).toEqual([expect.objectContaining({ event: 'recording.ready', recording_id: newest.recording_id })]);
		expect(trigger.saved()).toEqual({});
	});

	describe('when the workflow\'s time zone is not the dialer\'s', () => {
		// A zone whose date differs from the simulator's right now (one of the two always does):
		// VICIdial searches and stamps recordings by its own day.
		const otherDay = ['Etc/GMT-14', 'Etc/GMT+12'].find((zone) => DateTime.now().setZone(zone).toISODate() !== DateTime.now().setZone(LOCAL_ZONE).toISODate()) ?? '';
		const inZone = (extra: IDataObject) => pollHarness({ watch: 'recordingReady', agentUser: '1000', ...extra }, simCredentials(sim.url), otherDay);

		it('searches the dialer\'s day when VICIdial Time Zone names it', async () => {
			expect(otherDay).not.toBe('');
			const trigger = inZone({ options: { timeZone: LOCAL_ZONE } });
			expect((await trigger.poll()).none).toBe(true);
			const rec = addRecording(sim.state, { user: '1000', lead_id: 4, location: 'http://127.0.0.1/RECORDINGS/MP3/tz-all.mp3' });
			expect((await trigger.poll()).items.map((item) => item.recording_id)).toEqual([rec.recording_id]);
			const today = DateTime.now().setZone(LOCAL_ZONE).toISODate();
			for (const request of calls()) expect(request.params.date).toBe(today);
		});

		it('without it, searches the workflow\'s day, which is not the dialer\'s: the reason for the option', async () => {
			const trigger = inZone({});
			await trigger.poll();
			addRecording(sim.state, { user: '1000', lead_id: 4, location: 'http://127.0.0.1/RECORDINGS/MP3/tz2-all.mp3' });
			expect((await trigger.poll()).none).toBe(true);
			expect(calls().map((request) => request.params.date)).not.toContain(DateTime.now().setZone(LOCAL_ZONE).toISODate());
		});

		it('refuses a VICIdial Time Zone that names no zone, saying what is allowed', async () => {
			const result = await inZone({ options: { timeZone: 'Mars/Olympus' } }).poll();
			expect(result.error?.message).toBe('VICIdial Time Zone must be an IANA time zone such as America/New_York or UTC; got "Mars/Olympus"');
		});
	});
});
