import { startCall } from '../../simulator/agent/scene.cjs';
import { agentApi, useSimulator } from './agentApi.cjs';

/** recording, audio_playback, send_dtmf. */
const sim = useSimulator();
const agent = () => {
	const live = sim().state.liveAgents.get('1000');
	if (!live) throw new Error('agent 1000 is not logged in');
	return live;
};

describe('recording', () => {
	it('starts, reports and stops a recording (verified START and STATUS replies)', async () => {
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'STATUS' })).toBe('NOTICE: not recording - 1000|||||127.0.0.1|8600051|PAUSED\n');
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'START' })).toBe('SUCCESS: recording function sent - 1000|START||||127.0.0.1|8600051|PAUSED\n');
		const active = agent().recording;
		expect(active?.recording_id).toBe(2);
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'STATUS' }, { method: 'POST' })).toBe(
			`NOTICE: recording active - 1000|2|${active?.filename}|127.0.0.1|${active?.start_time}|127.0.0.1|8600051|PAUSED\n`,
		);
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'STOP' })).toBe('SUCCESS: recording function sent - 1000|STOP||||127.0.0.1|8600051|PAUSED\n');
		expect(agent().recording).toBeNull();
		expect(sim().state.recordings.at(-1)).toMatchObject({ recording_id: 2, user: '1000', extension: '8600051' });
	});

	it('appends stage to START and names the file after the call', async () => {
		startCall(sim().state, '1000', { lead_id: 4, call_type: 'MANUAL' });
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'START', stage: '_MIDCALL' })).toBe(
			'SUCCESS: recording function sent - 1000|START_MIDCALL||||127.0.0.1|8600051|INCALL\n',
		);
		expect(agent().recording?.filename).toMatch(/^\d{8}-\d{6}_4075550100_1000_MIDCALL$/);
	});

	it('refuses STOP with nothing recording, and other values', async () => {
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'STOP' })).toBe('ERROR: stop recording error - 1000|||||127.0.0.1|8600051|PAUSED\n');
		expect(await agentApi(sim(), 'recording', { agent_user: '1000', value: 'PLAY' })).toBe('ERROR: recording not valid - PLAY|1000\n');
	});
});

describe('audio_playback', () => {
	it('plays a file into the session (verified reply) and stops it', async () => {
		expect(await agentApi(sim(), 'audio_playback', { agent_user: '1000', value: 'ss-noservice', stage: 'PLAY' })).toBe('SUCCESS: audio_playback function sent - ss-noservice|PLAY|1000\n');
		expect(agent().playing).toBe('ss-noservice');
		expect(sim().state.admin.manager.at(-1)).toMatchObject({ action: 'Originate', callerid: 'ss-noservice', exten: 'Exten: 473782158521111' });
		expect(await agentApi(sim(), 'audio_playback', { agent_user: '1000', stage: 'STOP' })).toBe('SUCCESS: audio_playback function sent - |STOP|1000\n');
		expect(agent().playing).toBeUndefined();
	});

	it('refuses a second PLAY unless dial_override=Y', async () => {
		agent().playing = 'ss-noservice';
		expect(await agentApi(sim(), 'audio_playback', { agent_user: '1000', value: 'hello', stage: 'PLAY' })).toBe(
			'ERROR: audio_playback error - audio already playing in agent session - 8600051|127.0.0.1|PLAY||1000\n',
		);
		expect(await agentApi(sim(), 'audio_playback', { agent_user: '1000', value: 'hello', stage: 'PLAY', dial_override: 'Y' })).toBe(
			'NOTICE: audio_playback previous playback stopped - PLAY|Y|1000\nSUCCESS: audio_playback function sent - hello|PLAY|1000\n',
		);
		expect(agent().playing).toBe('hello');
	});

	it('needs audio playing for PAUSE, and a stage', async () => {
		expect(await agentApi(sim(), 'audio_playback', { agent_user: '1000', stage: 'PAUSE' })).toBe(
			'ERROR: audio_playback error - no audio playing in agent session - 8600051|127.0.0.1|PAUSE|1000\n',
		);
		expect(await agentApi(sim(), 'audio_playback', { agent_user: '1000', value: 'hello' })).toBe('ERROR: audio_playback not valid - hello||1000\n');
		expect(await agentApi(sim(), 'audio_playback', { alt_user: '555', stage: 'STOP' })).toBe('ERROR: no user found - STOP|555\nERROR: agent_user is not logged in - STOP|\n');
	});
});

describe('send_dtmf', () => {
	it('queues the digits (verified reply)', async () => {
		expect(await agentApi(sim(), 'send_dtmf', { agent_user: '1000', value: 'QQ1234P' }, { method: 'POST' })).toBe('SUCCESS: send_dtmf function set - QQ1234P|1000\n');
		expect(agent().pending.external_dtmf).toBe('QQ1234P');
	});

	it('needs a value', async () => {
		expect(await agentApi(sim(), 'send_dtmf', { agent_user: '1000' })).toBe('ERROR: send_dtmf not valid - |1000\n');
	});
});
