import { startSimulator } from './server.cjs';

/** `npm run simulator [-- --port 8081 --latency 20]`: a simulated VICIdial until Ctrl-C. */
async function main(): Promise<void> {
	const arg = (name: string) => {
		const index = process.argv.indexOf(`--${name}`);
		return index >= 0 ? process.argv[index + 1] : undefined;
	};
	const sim = await startSimulator({ port: Number(arg('port') ?? 8081), latencyMs: Number(arg('latency') ?? 0) });
	process.stdout.write(
		`VICIdial simulator on ${sim.url}\n` +
			`  Non-Agent API: ${sim.url}/vicidial/non_agent_api.php\n` +
			`  Agent API:     ${sim.url}/agc/api.php\n` +
			`  API user 6666 / password 1234 (level 9); agent 1000 is logged in to TESTCAMP\n`,
	);
	const stop = () => {
		void sim.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
