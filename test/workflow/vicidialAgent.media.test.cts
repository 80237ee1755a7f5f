import { startCall } from '../../simulator/agent/scene.cjs';
import { byId, expectNoAgentApiAccess, expectNotLoggedIn, json, runAgent, useSimulator } from './vicidialAgent.shared.cjs';

/**
 * The VICIdial Agent node's media resource against the simulator: recording, audio playback
 * and DTMF in the agent's session. Agent 1000 starts logged in to TESTCAMP, paused, in
 * session 8600051 on server 127.0.0.1.
 */
describe('VICIdial Agent node: media', () => {
	const simulator = useSimulator();
	const media = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'media',
		operation,
		agentUser: byId('1000'),
		...extra,
	});

	describe('recording', () => {
		it('starts a recording with a filename suffix', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'MANUAL' });
			const run = await runAgent(sim, media('recording', { value: 'START', additionalFields: { stage: '_MIDCALL' } }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				{
					result: 'SUCCESS',
					message: 'function sent',
					user: '1000',
					// With START this slot echoes the command, suffix included (notes §8.6): no recording_id.
					command: 'START_MIDCALL',
					filename: '',
					server: '',
					start_time: '',
					agent_server: '127.0.0.1',
					session: '8600051',
					status: 'INCALL',
				},
			]);
			const started = sim.state.recordings.at(-1);
			expect(started).toMatchObject({ recording_id: 2, lead_id: 3, user: '1000', extension: '8600051' });
			expect(started?.filename).toMatch(/^\d{8}-\d{6}_3125550199_1000_MIDCALL$/);
		});

		it('reports an active recording with its ID as a number (a NOTICE line becomes the item)', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'MANUAL' });
			await runAgent(sim, media('recording', { value: 'START' }));
			const run = await runAgent(sim, media('recording', { value: 'STATUS' }));
			expect(run.error).toBeUndefined();
			const [out] = json(run);
			expect(out).toMatchObject({
				result: 'NOTICE',
				message: 'active',
				user: '1000',
				recording_id: 2,
				server: '127.0.0.1',
				agent_server: '127.0.0.1',
				session: '8600051',
				status: 'INCALL',
			});
			expect(out.filename).toBe(sim.state.recordings.at(-1)?.filename);
		});

		it('stops the active recording', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'MANUAL' });
			await runAgent(sim, media('recording', { value: 'START' }));
			const run = await runAgent(sim, media('recording', { value: 'STOP' }));
			expect(json(run)[0]).toMatchObject({ result: 'SUCCESS', command: 'STOP' });
			expect(json(run)[0]).not.toHaveProperty('recording_id');
			expect(sim.state.liveAgents.get('1000')?.recording).toBeNull();
		});

		it('fails to stop when nothing is recording', async () => {
			const run = await runAgent(simulator(), media('recording', { value: 'STOP' }));
			expect(run.error?.message).toBe('recording: stop recording error (1000|127.0.0.1|8600051|PAUSED)');
		});

		it('refuses a suffix VICIdial would cut, before sending', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('recording', { value: 'START', additionalFields: { stage: '_A_VERY_LONG_SUFFIX' } }));
			expect(run.error?.message).toBe('Filename Suffix must be at most 14 characters; got "_A_VERY_LONG_SUFFIX"');
			expect(sim.log).toHaveLength(0);
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), media('recording', { agentUser: byId('1001'), value: 'STATUS' }));
			expectNotLoggedIn(run, 'recording');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('recording', { value: 'START' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'recording');
			expect(sim.state.recordings).toHaveLength(1);
		});

		it('is never retried, not even STATUS (one entry serves START, STOP and STATUS)', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'empty500', fn: 'recording', times: 1 });
			const run = await runAgent(sim, media('recording', { value: 'STATUS', options: { maxAttempts: 3 } }));
			expect(sim.stats.byFunction.recording).toBe(1);
			expect(run.error?.message).toBe('recording: VICIdial answered HTTP 500 with an empty body');
		});
	});

	describe('audio_playback', () => {
		it('plays an audio file into the agent\'s session', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('audio_playback', { stage: 'PLAY', additionalFields: { value: 'ss-noservice' } }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'function sent', value: 'ss-noservice', stage: 'PLAY', agent_user: '1000' }]);
			expect(sim.state.liveAgents.get('1000')?.playing).toBe('ss-noservice');
			expect(sim.state.admin.manager).toEqual([expect.objectContaining({ action: 'Originate', callerid: 'ss-noservice', channel: 'Channel: Local/473782168600051@default' })]);
		});

		it('replaces audio already playing with Replace Playing Audio, keeping VICIdial\'s notice', async () => {
			const sim = simulator();
			sim.state.liveAgents.get('1000')!.playing = 'hold-music';
			const run = await runAgent(sim, media('audio_playback', { stage: 'PLAY', additionalFields: { value: 'ss-noservice', dialOverride: true } }));
			expect(sim.log[0].params.dial_override).toBe('Y');
			expect(json(run)).toEqual([
				{
					result: 'SUCCESS',
					message: 'function sent',
					value: 'ss-noservice',
					stage: 'PLAY',
					agent_user: '1000',
					notices: [{ result: 'NOTICE', message: 'previous playback stopped', stage: 'PLAY', dial_override: 'Y', agent_user: '1000' }],
				},
			]);
			expect(sim.state.liveAgents.get('1000')?.playing).toBe('ss-noservice');
		});

		it('fails to stop when nothing plays', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('audio_playback', { stage: 'STOP' }));
			// Regression (was a bug): reply.ts splits `audio_playback error - no audio playing in agent session - …` at the first " - ".
			expect(run.error?.message).toBe('audio_playback: error - no audio playing in agent session (8600051|127.0.0.1|STOP|1000)');
		});

		it('refuses a file name with an extension, before sending', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('audio_playback', { stage: 'PLAY', additionalFields: { value: 'welcome.wav' } }));
			expect(run.error?.message).toBe('Audio File must be letters, digits, - and _ (no extension); got "welcome.wav"');
			expect(sim.log).toHaveLength(0);
		});

		it('fails for an agent that is not logged in (VICIdial adds the stage)', async () => {
			const run = await runAgent(simulator(), media('audio_playback', { agentUser: byId('1001'), stage: 'PLAY', additionalFields: { value: 'ss-noservice' } }));
			expect(run.error?.message).toBe('audio_playback: agent_user is not logged in (PLAY|1001)');
			expect(run.error?.context?.code).toBe('not_found');
			expect(run.error?.description).toBe('The agent must be logged in to the VICIdial agent screen (vicidial.php) for Agent API calls.');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('audio_playback', { stage: 'PLAY', additionalFields: { value: 'ss-noservice' } }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'audio_playback');
			expect(sim.state.admin.manager).toHaveLength(0);
		});
	});

	describe('send_dtmf', () => {
		it('sends DTMF tones into the agent\'s session', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('send_dtmf', { value: 'QQ1234P' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'function set', value: 'QQ1234P', agent_user: '1000' }]);
			expect(sim.state.liveAgents.get('1000')?.pending.external_dtmf).toBe('QQ1234P');
		});

		it('refuses # and *, which api.php strips, before sending', async () => {
			const sim = simulator();
			const run = await runAgent(sim, media('send_dtmf', { value: '5678#' }));
			expect(run.error?.message).toBe('DTMF Digits must be digits, P for #, S for * and Q for one second of silence; got "5678#"');
			expect(sim.log).toHaveLength(0);
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), media('send_dtmf', { agentUser: byId('1001'), value: '1' }));
			expectNotLoggedIn(run, 'send_dtmf');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), media('send_dtmf', { value: '1' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'send_dtmf');
		});
	});
});
