import type { HandlerContext } from "../context.cjs";
import type { SimState, SimUser } from "../state.cjs";

/**
 * What every function of non_agent_api.php shares, in one dialect: how the script cleans and
 * reads its inputs, the per-function permission query and its error, and the user group's
 * campaign filter. Texts and rules follow vicidial-api-notes.md §1-§4 and the PHP (2.14).
 */

/**
 * Characters non_agent_api.php strips from each input before any function runs (its
 * `preg_replace('/[^…]/','',…)` block). A value is cleaned once, on read; a parameter not
 * listed here is used as sent.
 */
const STRIP: Record<string, RegExp> = {
  lead_id: /[^0-9]/g,
  lead_ids: /[^,0-9]/g,
  phone_number: /[^,0-9]/g,
  phone_code: /[^0-9]/g,
  list_id: /[^-_0-9a-zA-Z]/g,
  list_id_field: /[^0-9]/g,
  entry_list_id: /[^0-9]/g,
  force_entry_list_id: /[^0-9]/g,
  custom_fields_copy: /[^0-9]/g,
  rank: /[^0-9]/g,
  called_count: /[^0-9]/g,
  records: /[^0-9]/g,
  file_download: /[^0-9]/g,
  hopper_priority: /[^-0-9]/g,
  gmt_offset_now: /[^-_.0-9]/g,
  date: /[^-0-9]/g,
  query_date: /[^-0-9]/g,
  end_date: /[^-0-9]/g,
  date_of_birth: /[^-0-9]/g,
  datetime_start: /[^- +:_0-9]/g,
  datetime_end: /[^- +:_0-9]/g,
  status_breakdown: /[^1Y]/g,
  show_percentages: /[^1Y]/g,
  // Y/N style switches keep upper-case letters only, so `y` is not `Y`.
  dnc_check: /[^A-Z]/g,
  campaign_dnc_check: /[^A-Z]/g,
  add_to_hopper: /[^A-Z]/g,
  hopper_local_call_time_check: /[^A-Z]/g,
  insert_if_not_found: /[^A-Z]/g,
  search_location: /[^A-Z]/g,
  no_update: /[^A-Z]/g,
  delete_lead: /[^A-Z]/g,
  delete_cf_data: /[^A-Z]/g,
  reset_lead: /[^A-Z]/g,
  callback: /[^A-Z]/g,
  callback_type: /[^A-Z]/g,
  update_phone_number: /[^A-Z]/g,
  usacan_prefix_check: /[^A-Z]/g,
  usacan_areacode_check: /[^A-Z]/g,
  nanpa_ac_prefix_check: /[^A-Z]/g,
  lookup_state: /[^A-Z]/g,
  gender: /[^A-Z]/g,
  active: /[^A-Z]/g,
  reset_list: /[^A-Z]/g,
  delete_list: /[^A-Z]/g,
  delete_leads: /[^A-Z]/g,
  detail: /[^A-Z]/g,
  time_format: /[^A-Z]/g,
  remove_from_hopper: /[^0-9a-zA-Z]/g,
  custom_fields: /[^0-9a-zA-Z]/g,
  list_exists_check: /[^0-9a-zA-Z]/g,
  archived_lead: /[^0-9a-zA-Z]/g,
  header: /[^0-9a-zA-Z]/g,
  group_by_campaign: /[^0-9a-zA-Z]/g,
  call_id: /[^0-9a-zA-Z]/g,
  search_method: /[^-_0-9a-zA-Z]/g,
  duplicate_check: /[^-_0-9a-zA-Z]/g,
  stage: /[^-_0-9a-zA-Z]/g,
  status: /[^-_0-9a-zA-Z]/g,
  tz_method: /[^-_0-9a-zA-Z]/g,
  campaign_id: /[^-_0-9a-zA-Z]/g,
  agent_user: /[^-_0-9a-zA-Z]/g,
  user_field: /[^-_0-9a-zA-Z]/g,
  middle_initial: /[^-_0-9a-zA-Z]/g,
  country_code: /[^-_0-9a-zA-Z]/g,
  callback_status: /[^-_0-9a-zA-Z]/g,
  callback_user: /[^-_0-9a-zA-Z]/g,
  local_call_time: /[^-_0-9a-zA-Z]/g,
  expiration_date: /[^-_0-9a-zA-Z]/g,
  leads_counts: /[^-_0-9a-zA-Z]/g,
  dialable_count: /[^_0-9a-zA-Z]/g,
  custom_order: /[^-_0-9a-zA-Z]/g,
  custom_copy_method: /[^-_0-9a-zA-Z]/g,
  duration: /[^-_0-9a-zA-Z]/g,
  script: /[^-_0-9a-zA-Z]/g,
  am_message: /[^-_0-9a-zA-Z]/g,
  drop_inbound_group: /[^-_0-9a-zA-Z]/g,
  xferconf_one: /[^-_0-9a-zA-Z]/g,
  xferconf_two: /[^-_0-9a-zA-Z]/g,
  xferconf_three: /[^-_0-9a-zA-Z]/g,
  xferconf_four: /[^-_0-9a-zA-Z]/g,
  xferconf_five: /[^-_0-9a-zA-Z]/g,
  reset_time: /[^-_0-9]/g,
  outbound_cid: /[^0-9]/g,
  ingroups: /[^-_0-9a-zA-Z]/g,
  campaigns: /[^-,|_0-9a-zA-Z]/g,
  statuses: /[^- .,_0-9a-zA-Z]/g,
  categories: /[^-,_0-9a-zA-Z]/g,
  users: /[^-,_0-9a-zA-Z]/g,
  user_groups: /[^-|,_0-9a-zA-Z]/g,
  did_patterns: /[^,:+*#._0-9a-zA-Z]/g,
  did_ids: /[^,+0-9a-zA-Z]/g,
  group: /[^-|_0-9a-zA-Z]/g,
  uniqueid: /[^- ._0-9a-zA-Z]/g,
  extension: /[^-*#.:/@_0-9a-zA-Z]/g,
  field_label: /[^_0-9a-zA-Z]/g,
  field_name: /[^-_0-9a-zA-Z]/g,
  field_type: /[^0-9a-zA-Z]/g,
  field_size: /[^0-9]/g,
  field_rank: /[^0-9]/g,
  // Free text: the lead fields keep letters, digits and a few marks each.
  vendor_lead_code: /[;#"]/g,
  source_id: /[;#"]/g,
  comments: /[;#"]/g,
  title: /[^- '_.0-9a-zA-Z]/g,
  first_name: /[^- '+_.0-9a-zA-Z]/g,
  last_name: /[^- '+_.0-9a-zA-Z]/g,
  address1: /[^- '+.:/@_0-9a-zA-Z]/g,
  address2: /[^- '+.:/@_0-9a-zA-Z]/g,
  address3: /[^- '+.:/@_0-9a-zA-Z]/g,
  city: /[^- '+.:/@_0-9a-zA-Z]/g,
  security_phrase: /[^- '+.:/@_0-9a-zA-Z]/g,
  owner: /[^- '+.:/@_0-9a-zA-Z]/g,
  state: /[^- 0-9a-zA-Z]/g,
  province: /[^- '+._0-9a-zA-Z]/g,
  postal_code: /[^- '+0-9a-zA-Z]/g,
  alt_phone: /[^- '+_.0-9a-zA-Z]/g,
  email: /[^- '+.:/@%_0-9a-zA-Z]/g,
  multi_alt_phones: /[^- +!:_0-9a-zA-Z]/g,
  callback_datetime: /[^- +.:/@_0-9a-zA-Z]/g,
  callback_comments: /[^- +.:/@_0-9a-zA-Z]/g,
  list_name: /[^- +.:/@?&_0-9a-zA-Z]/g,
  list_description: /[^- +.:/@?&_0-9a-zA-Z]/g,
  web_form_address: /[^- %=+.:/@?&_0-9a-zA-Z]/g,
  web_form_address_two: /[^- %=+.:/@?&_0-9a-zA-Z]/g,
  web_form_address_three: /[^- %=+.:/@?&_0-9a-zA-Z]/g,
};

/** A parameter as the PHP sees it after its input cleaning; an absent one is ''. */
export function arg(ctx: HandlerContext, name: string): string {
  const raw = ctx.params[name] ?? "";
  const strip = STRIP[name];
  return strip ? raw.replace(strip, "") : raw;
}

/** A value as a PHP `$var` in a string: `undefined` (an unset variable) prints as ''. */
export function str(value: string | number | undefined): string {
  return value === undefined ? "" : String(value);
}

/** The yes/no columns of vicidial_users a function's permission query can require. */
export type Right =
  | "view_reports"
  | "modify_lists"
  | "delete_lists"
  | "modify_campaigns"
  | "delete_from_dnc"
  | "modify_users"
  | "delete_users"
  | "modify_remoteagents"
  | "ast_admin_access"
  | "ast_delete_phones"
  | "modify_inbound_dids"
  | "delete_inbound_dids"
  | "change_agent_campaign";

/** The per-function `SELECT count(*) from vicidial_users where user=… and …` conditions. */
export interface Rights {
  /** `user_level >= minLevel` (the code's `> 6` is 7, `> 7` and `>= 8` are 8). */
  minLevel: number;
  /** vdc_agent_api_access='1' ("Agent API Access"); every function but a few (DNC, FPG, version). */
  api?: boolean;
  /** `modify_leads IN(…)`. */
  modifyLeads?: readonly number[];
  /** Columns that must be '1'. */
  rights?: readonly Right[];
}

export const LEADS_1_4 = [1, 2, 3, 4] as const;
export const LEADS_1_5 = [1, 2, 3, 4, 5] as const;

/** True when the API user passes the function's permission query. */
export function allowed(user: SimUser, rights: Rights): boolean {
  if (user.active !== "Y" || user.user_level < rights.minLevel) return false;
  if (rights.api && !user.api_access) return false;
  if (rights.modifyLeads && !rights.modifyLeads.includes(user.modify_leads))
    return false;
  return (rights.rights ?? []).every((right) => user[right]);
}

/**
 * The permission error. Read functions close the data with a pipe (`: |apirep|0|`, verified
 * for add_lead), the list, DNC and admin write functions do not (`: |6666|0`, verified for
 * delete_dnc_phone).
 */
export function denied(
  fn: string,
  what: string,
  user: string,
  closed: boolean,
): string {
  return `ERROR: ${fn} USER DOES NOT HAVE PERMISSION TO ${what}: |${user}|0${closed ? "|" : ""}\n`;
}

/**
 * The campaigns a user group may see: `null` for all (`-ALL-CAMPAIGNS-`, matched by `/-ALL/i`
 * as in the PHP), else the ids of ` A B -`. Read functions filter with it whether or not
 * api_list_restrict is set.
 */
export function groupCampaigns(
  state: SimState,
  userGroup: string,
): Set<string> | null {
  const allowedCampaigns =
    state.userGroups.get(userGroup)?.allowed_campaigns ?? "";
  if (/-ALL/i.test(allowedCampaigns)) return null;
  return new Set(
    allowedCampaigns
      .replace(/ -/g, "")
      .split(/\s+/)
      .filter((id) => id.length > 0),
  );
}

/** The API user's own group's campaigns (see groupCampaigns). */
export const apiUserCampaigns = (ctx: HandlerContext): Set<string> | null =>
  groupCampaigns(ctx.state, ctx.apiUser.user_group);

export function campaignAllowed(
  campaigns: Set<string> | null,
  campaignId: string,
): boolean {
  return campaigns === null || campaigns.has(campaignId);
}
