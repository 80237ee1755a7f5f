/**
 * The function catalogue: one entry per VICIdial API function. Every other layer is derived
 * from it: the node's operations and fields (descriptions.ts), the input schemas (schemas.ts),
 * the reply parser's field names (reply.ts) and the retry policy (transport.ts).
 */

/** Which script answers the function. */
export type ApiName = 'nonAgent' | 'agent';

/** The kinds of value VICIdial parameters take; each maps to a UI type and a zod schema. */
export type FieldType =
	/** Free text with a length limit. */
	| 'string'
	/** Text that is a secret: a password field in the UI, masked in replies and errors. */
	| 'password'
	/** A phone number: pasted forms are normalised to digits, then checked for length. */
	| 'phone'
	/** A numeric id kept as text (list ids, lead ids in URLs): digits only, length limits. */
	| 'digits'
	/** A whole number with a range. */
	| 'integer'
	/** A VICIdial code (campaign id, status, user group): letters, digits, `_` and `-`. */
	| 'code'
	/** One of `options`. */
	| 'options'
	/** Several of `options`, joined by `separator`. */
	| 'multiOptions'
	/** A yes/no flag; `flag` says how VICIdial spells it. */
	| 'boolean'
	/** `YYYY-MM-DD`. */
	| 'date'
	/** `YYYY-MM-DD HH:MM:SS`, sent as VICIdial wants it (`+` or space between the parts). */
	| 'dateTime'
	/** Several free values joined by `separator` (comma lists of lead ids, pipe lists of groups). */
	| 'list';

/** Where a dropdown's values are loaded from (methods/listSearch.ts). */
export type ListSource =
	| 'campaigns'
	| 'lists'
	| 'users'
	| 'userGroups'
	| 'inGroups'
	| 'campaignStatuses'
	| 'dids'
	| 'loggedInAgents';

export interface OptionSpec {
	readonly value: string;
	readonly name: string;
	readonly description?: string;
}

/** How a yes/no flag is spelled on the wire. */
export type FlagSpelling = 'Y/N' | 'YES/NO' | '1/0';

export interface FieldSpec {
	/** The parameter as VICIdial spells it (`phone_number`). */
	readonly name: string;
	readonly label: string;
	readonly type: FieldType;
	/** Shown under the field; says the limit and what VICIdial does with the value. */
	readonly description: string;
	readonly required?: boolean;
	/** UI default. For optional fields this is only a hint: unset optional fields are not sent. */
	readonly default?: string | number | boolean;
	/** Length limits for text-like types, range for `integer`. */
	readonly min?: number;
	readonly max?: number;
	readonly options?: readonly OptionSpec[];
	/** Joiner for `list` and `multiOptions`; for a `list`, min/max limit the joined text. */
	readonly separator?: string;
	/** Most values a `list` may hold (hopper_bulk_insert: 1000 lead IDs). */
	readonly maxItems?: number;
	readonly flag?: FlagSpelling;
	/** A dropdown loaded from the server; the field still takes a typed id or an expression. */
	readonly source?: ListSource;
	/** The field can be cleared with VICIdial's `--BLANK--` value (update functions). */
	readonly blankable?: boolean;
	/** Extra check for text values, with the wording used when it fails. */
	readonly pattern?: { readonly regex: RegExp; readonly allowed: string };
	/** For `phone`: a companion field that receives a country code split off a `+` number. */
	readonly phoneCodeField?: string;
	/** Other forms sent as they are (external_dial's MANUALNEXT, a callback's NOW or 3DAYS). */
	readonly accepts?: { readonly regex: RegExp; readonly allowed: string };
	/** Text put around a `list` value (change_ingroups wants ` A B -`). */
	readonly frame?: readonly [string, string];
}

/**
 * When a failed request may be sent again.
 * - `always`: reads and writes that cannot apply twice.
 * - `never`: a repeat could apply the change twice (or it changes a live call).
 * - `whenSet`: only when one of these parameters is set to a non-empty value (add_lead with
 *   `duplicate_check`: the second attempt finds the first one's lead and is refused).
 */
export type RetryPolicy =
	| { readonly kind: 'always' }
	| { readonly kind: 'never'; readonly why: string }
	| { readonly kind: 'whenSet'; readonly params: readonly string[]; readonly why: string };

/** Field names for one kind of status line, keyed by the reason text (prefix match). */
export type LineFields = Readonly<Record<string, readonly string[]>>;

/**
 * The shape of a function's reply.
 * - `status`: `SUCCESS:`/`NOTICE:`/`ERROR:` lines; `lines` names the `|` values per reason.
 * - `table`: bare data rows, `|`, `,` or TAB delimited, `columns` in VICIdial's order.
 * - `value`: one bare value (lead_field_info).
 * - `keyValue`: `key: value` or `key => value` lines (webserver, lead_status_search records).
 * - `version`: `KEY: value|KEY: value|` on one line.
 * - `parts`: one line of `LABEL: a|b|…` parts joined by `separator` (check_phone_number's
 *   `AREACODE: 1|-5.00#PHONE: 7275551111|1||||`); `parts` names the values per label.
 * - `text`: anything else, kept whole (HTML pickers, URLs).
 */
export type ReplySpec =
	| { readonly kind: 'status'; readonly lines: LineFields }
	| {
			readonly kind: 'table';
			readonly columns: readonly string[];
			/** Delimiter when the function has no `stage` option or it is not set. */
			readonly delimiter?: '|' | ',' | '\t';
			/** Status lines may precede the rows (update_cid_group_entry INFO). */
			readonly lines?: LineFields;
			/** Columns after the first are counts, whatever the header calls them (call_dispo_report). */
			readonly countsAfterFirst?: boolean;
			/**
			 * The header line misnames the columns (did_log_export prints call_date before
			 * caller_id_number, its rows the other way round, notes §8.3): rows are named by
			 * `columns` alone, and a header line, in any order, is skipped.
			 */
			readonly headerMisnames?: boolean;
			/** Columns VICIdial pads with trailing spaces (hopper_list's `0 HOURS `, notes §8.9). */
			readonly padded?: readonly string[];
	  }
	| { readonly kind: 'value'; readonly field: string }
	| { readonly kind: 'keyValue'; readonly separator: ': ' | ' => '; readonly recordStart?: RegExp }
	| { readonly kind: 'version' }
	| {
			readonly kind: 'parts';
			readonly separator: string;
			/** Field names per part, keyed by the part's label (`PHONE`). */
			readonly parts: LineFields;
			/** Names for the values of the function's status lines (its ERROR replies). */
			readonly lines?: LineFields;
	  }
	| { readonly kind: 'text'; readonly field: string };

export interface FunctionSpec {
	/** VICIdial's function name, also the operation value (`add_lead`). */
	readonly name: string;
	readonly api: ApiName;
	/** Resource key (`lead`, `hopper`, …) from resources.ts. */
	readonly resource: string;
	/** Operation name shown in the list ("Add Lead"). */
	readonly label: string;
	/** The operation's `action` ("Add a lead"). */
	readonly action: string;
	/** What the function does and when to pick it; read by people and AI agents alike. */
	readonly description: string;
	readonly fields: readonly FieldSpec[];
	/** Does the function change anything in VICIdial? */
	readonly writes: boolean;
	/**
	 * The reply is a list of rows that grows with the dialer (leads, calls, agents, recordings,
	 * campaigns): from node version 1.1 the operation offers n8n's Return All / Limit. None of
	 * these functions takes a row limit (lead_search's `records` caps the lead IDs within a
	 * row, not the rows; the rest only have VICIdial's hard caps of 100000 rows or 10000000
	 * records analysed), so the node cuts the parsed rows.
	 */
	readonly returnsList?: boolean;
	readonly retry: RetryPolicy;
	readonly reply: ReplySpec;
	/** Reasons (prefix match) that mean "nothing found": zero items, not a failure. */
	readonly emptyOn?: readonly string[];
	/**
	 * ERROR reasons (prefix match, longest wins) that answer the question the function asks
	 * instead of failing the request: for check_phone_number, PHONE NUMBER IN DNC means "yes, it
	 * is on the DNC list" (notes §8.7). The item carries the line's named values and these fields.
	 */
	readonly answersOn?: Readonly<Record<string, Readonly<Record<string, string | boolean>>>>;
	/**
	 * NOTICE reasons (prefix match) that are never the outcome of a request: update_list prints
	 * NO UPDATES DEFINED before the reset or delete it did (notes §8.8). The item's headline is
	 * the first other line; these stay in `notices`.
	 */
	readonly preambleNotices?: readonly string[];
	/** The function answers without a login (`version`). */
	readonly noAuth?: boolean;
	/** Extra parameters named by the user are passed through (custom list fields). */
	readonly customFields?: boolean;
	/**
	 * The function picks which fields to write by searching the whole request for each field's
	 * name (api.php update_fields: `preg_match('/city/', $query_string)`): a field whose name
	 * appears anywhere in the request is written, as empty when it was not given. Listed here:
	 * the fields matched without regard to case.
	 */
	readonly fieldsPickedByName?: { readonly caseInsensitive: readonly string[] };
	/** Other names VICIdial prints at the start of this function's lines (moh_list prints `sounds_list`). */
	readonly replyAliases?: readonly string[];
	/** Which user settings the API user needs; shown in permission errors. */
	readonly permission?: string;
	/** Groups of fields of which at least one must be given (lead_id or phone_number). */
	readonly oneOf?: readonly (readonly string[])[];
	/**
	 * Optional fields shown at the top of the form, not under Additional Fields, from node
	 * version `since` on. A saved node keeps its version, so older versions keep reading these
	 * fields from Additional Fields, where their workflows stored them.
	 */
	readonly promoted?: {
		readonly fields: readonly string[];
		readonly since: number;
		/** A promoted field's default where it differs from the field's own (List Exists Check on). */
		readonly defaults?: Readonly<Record<string, boolean | string | number>>;
	};
	/** Offer "return the existing lead" for DUPLICATE refusals (add_lead with a duplicate check). */
	readonly duplicateAsData?: boolean;
	/**
	 * Refusals that mean the state the item asks for is already there (a DNC number already on
	 * the list, already gone), by reason prefix, with the `result` the item gets when the user
	 * turns on "Treat 'Already Exists' as Success".
	 */
	readonly alreadyDone?: Readonly<Record<string, 'already exists' | 'already gone'>>;
	/** Fixed parameters always sent (for example `header=YES` so table columns are named). */
	readonly fixed?: Readonly<Record<string, string>>;
}
