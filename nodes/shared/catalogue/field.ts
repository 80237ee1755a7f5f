import type { FieldSpec, FieldType, OptionSpec } from './types';

/**
 * A catalogue field: plain data (it satisfies FieldSpec) with two helpers that return new
 * fields, so one definition in fields.ts serves every function that takes the parameter.
 */
export class Field implements FieldSpec {
	readonly name!: string;
	readonly label!: string;
	readonly type!: FieldType;
	readonly description!: string;
	readonly required?: boolean;
	readonly default?: string | number | boolean;
	readonly min?: number;
	readonly max?: number;
	readonly options?: readonly OptionSpec[];
	readonly separator?: string;
	readonly flag?: FieldSpec['flag'];
	readonly source?: FieldSpec['source'];
	readonly blankable?: boolean;
	readonly pattern?: FieldSpec['pattern'];
	readonly phoneCodeField?: string;
	readonly accepts?: FieldSpec['accepts'];
	readonly frame?: FieldSpec['frame'];

	constructor(spec: FieldSpec) {
		Object.assign(this, spec);
		Object.freeze(this);
	}

	/** The same field, required. */
	req(): Field {
		return new Field({ ...this, required: true });
	}

	/** The same field with some properties changed (a tighter limit, another description). */
	with(patch: Partial<FieldSpec>): Field {
		return new Field({ ...this, ...patch });
	}
}

/** Short constructor used by fields.ts and the catalogue files. */
export function field(spec: FieldSpec): Field {
	return new Field(spec);
}

/** Options from a list of values whose display name is the value itself. */
export function plainOptions(values: readonly string[]): OptionSpec[] {
	return values.map((value) => ({ value, name: value }));
}

/** A yes/no flag spelled Y/N (most Non-Agent settings). */
export function yesNo(name: string, label: string, description: string): Field {
	return field({ name, label, type: 'boolean', flag: 'Y/N', description });
}
