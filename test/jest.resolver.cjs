/**
 * Jest resolver: TypeScript sources import tooling modules as `./x.cjs` (the name tsc gives
 * a compiled .cts file); inside the repository jest runs the .cts source instead.
 */
module.exports = (request, options) => {
	const fromPackage = options.basedir.includes('node_modules');
	if (!fromPackage && request.startsWith('.') && request.endsWith('.cjs')) {
		try {
			return options.defaultResolver(request.slice(0, -4) + '.cts', options);
		} catch {
			// a real .cjs file: fall through
		}
	}
	return options.defaultResolver(request, options);
};
