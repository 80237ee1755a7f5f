/**
 * How reply columns read. VICIdial prints everything as text; these columns mean numbers.
 * Ids that look numeric but are names (user, phone_code, session_id, extension, phone
 * numbers, campaign ids) stay text, so "0012" or "1000" never changes shape.
 */
const INTEGER_COLUMNS = new Set([
	'lead_id',
	'list_id',
	'entry_list_id',
	'existing_list_id',
	'hopper_id',
	'hopper_order',
	'priority',
	'count',
	'called_count',
	'calls_today',
	'user_level',
	'rows_updated',
	// update_fields' counts of vicidial_list and vicidial_live_agents rows (notes §8.4).
	'lead_rows_updated',
	'agent_rows_updated',
	'callbacks_deleted',
	'callbacks_archived',
	'records_found',
	'found',
	'updated',
	'inserted',
	'skipped',
	'last_hopper_id',
	'callback_id',
	'recording_id',
	'length_in_sec',
	'duration',
	'resets_today',
	'all_leads_count',
	'new_leads_count',
	'dialable_count',
	'talk_time',
	'talk_time_ms',
	'talk_time_min',
	'epoch',
	'url_id',
	'url_rank',
	'url_call_length',
	'calls',
	'sessions',
	'pauses',
	'total_calls',
	'human_answered',
	'calls_waiting',
	'agents_logged_in',
	'agents_in_calls',
	'agents_waiting',
	'agents_paused',
	'agents_in_dead_calls',
	'agents_in_dispo',
	'agents_in_dial',
	'age_days',
	'custtime',
	'number_of_lines',
	'dids_added',
	'dids_skipped',
	'notification_id',
	'calls_in_queue',
	'call_count_today',
	'dial_timeout',
	'rows_inserted',
	'rows_deleted',
	'leads_reset',
	'lists_deleted',
	'leads_deleted',
	'dialable',
	'entries',
	'hopper_rows',
	'servers_flagged',
	// Counts, levels, ranks and AUTO_INCREMENT ids of the admin functions (users, CID groups,
	// presets, DIDs, blind_monitor's vicidial_manager row, sounds_list's row number and bytes).
	'rows',
	'entry',
	'presets',
	'agent_user_level',
	'campaign_rank',
	'campaign_grade',
	'ingroup_rank',
	'ingroup_grade',
	'did_id',
	'manager_id',
	'index',
	'size',
	'rank',
	'previous_lead_id',
	// check_phone_number: 1 when the number may be dialed now by that method's time zone.
	'areacode_dialable',
	'postal_dialable',
	'tzcode_dialable',
	'nanpa_dialable',
]);

const DECIMAL_COLUMNS = new Set([
	'gmt_offset',
	'gmt_offset_now',
	'dial_level',
	'auto_dial_level',
	'tz',
	'tznow',
	'areacode_gmt_offset',
	'postal_gmt_offset',
	'tzcode_gmt_offset',
	'nanpa_gmt_offset',
]);

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A reply value as the workflow should see it: numbers for numeric columns (null when
 * VICIdial left them empty), text otherwise.
 */
export function columnValue(column: string, value: string, isCount = false): string | number | null {
	const numeric = isCount || INTEGER_COLUMNS.has(column) || DECIMAL_COLUMNS.has(column);
	if (!numeric) return value;
	if (value === '') return null;
	return NUMBER.test(value) ? Number(value) : value;
}
