const { src, dest } = require('gulp');

/** Icons (SVG/PNG) are not emitted by tsc: copy them into dist/ beside the compiled files. */
function buildAssets() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
exports.default = buildAssets;
