/**
 * Every name Slack sends back to us: commands, callback ids, action ids, block ids.
 * Kept in one place so a rename in a view cannot silently orphan its listener.
 */
export const COMMAND = '/incident';

export const CallbackId = {
  declare: 'declare_incident',
  changeSeverity: 'change_severity',
  changeStatus: 'change_status',
  assignCommander: 'assign_commander',
  resolve: 'resolve_incident',
  declareResult: 'declare_result',
  /** A modal shown while its content is being gathered, within the trigger's three seconds. */
  loading: 'loading',
  timeline: 'timeline',
  timelineAddEntry: 'timeline_add_entry',
  timelineEditEntry: 'timeline_edit_entry',
  timelineDeleteEntry: 'timeline_delete_entry',
  timelinePickIncident: 'timeline_pick_incident',
  timelineAdded: 'timeline_added',
  postmortem: 'postmortem_form',
  postmortemReview: 'postmortem_review',
  postmortemPublished: 'postmortem_published',
  actionItem: 'action_item',
  postmortemPublishing: 'postmortem_publishing',
  wontDo: 'action_item_wont_do',
  alertDismiss: 'alert_dismiss',
  /** A participant's own account of the incident, and the view shown once it is saved. */
  account: 'account_form',
  accountSaved: 'account_saved',
  /** "Why isn't it working?": a done item's check answered "Not effective". */
  notEffective: 'verify_not_effective_form',
} as const;

/** Buttons and menus on an alert offer and on an alert storm's list. */
export const AlertAction = {
  declare: 'alert_declare',
  dismiss: 'alert_dismiss',
  /** The storm list's menu: declare for one of the held groups. */
  declareHeld: 'alert_declare_held',
} as const;

/** Buttons on an action item, in its reminder DMs and on the App Home. */
export const ItemAction = {
  done: 'item_done',
  snoozeDay: 'item_snooze_day',
  snoozeWeek: 'item_snooze_week',
  wontDo: 'item_wont_do',
  openIncident: 'item_open_incident',
  createIssue: 'item_create_issue',
} as const;

/** The answers to "is this countermeasure working?", in the question DMs; each carries `<item id>:<ask>`. */
export const VerifyAction = {
  verified: 'verify_verified',
  notEffective: 'verify_not_effective',
  unsure: 'verify_unsure',
} as const;

export const PostmortemAction = {
  /** "Write post-mortem" on the incident card. */
  open: 'postmortem_open',
  addActionItem: 'postmortem_add_action_item',
  actionItemMenu: 'postmortem_action_item_menu',
  editActionItem: 'postmortem_edit_action_item',
  removeActionItem: 'postmortem_remove_action_item',
  backToEditing: 'postmortem_back_to_editing',
  /** In the review step: posts the review meeting's invitation for the draft's date and time. */
  inviteToReview: 'postmortem_invite_to_review',
} as const;

/** Buttons on the request for someone's own account (in their DM) and on the saved account. */
export const AccountAction = {
  /** "Write my account" or "Edit my account": opens the account form. */
  write: 'account_write',
  /** "Not this time". */
  decline: 'account_decline',
} as const;

/** The message shortcut "Add to incident timeline" (declared in manifest.yml). */
export const ShortcutId = {
  addToTimeline: 'add_to_timeline',
} as const;

export const TimelineAction = {
  addEntry: 'timeline_add_entry',
  entryMenu: 'timeline_entry_menu',
  page: 'timeline_page',
  /** A second page button in the same block needs its own action id. */
  pageLater: 'timeline_page_later',
} as const;

/** Buttons on the incident card, the help message and the declare result. */
export const IncidentAction = {
  declare: 'declare_open',
  updateStatus: 'incident_update_status',
  changeSeverity: 'incident_change_severity',
  assignCommander: 'incident_assign_commander',
  resolve: 'incident_resolve',
  reopen: 'incident_reopen',
  finishSetup: 'incident_finish_setup',
  /** On the card of an incident nobody leads yet (an alert rule declared it). */
  takeCommand: 'incident_take_command',
} as const;

/** Blocks that hold buttons; named so a click can be traced to where it came from. */
export const BlockId = {
  helpActions: 'help_actions',
  cardActions: 'incident_card_actions',
  declareResultActions: 'declare_result_actions',
  timelineTop: 'timeline_top',
  timelinePages: 'timeline_pages',
  postmortemItems: 'pm_items',
  postmortemReviewActions: 'pm_review_actions',
  /** Prefixes: one block of item buttons per item, in a DM and on the Home tab. */
  itemActions: 'item_actions',
  homeItemActions: 'home_item',
  alertOfferActions: 'alert_offer_actions',
  alertStormActions: 'alert_storm_actions',
  alertResolvePrompt: 'alert_resolve_prompt',
  accountRequestActions: 'account_request_actions',
  accountSavedActions: 'account_saved_actions',
  /** Prefix: the answers to one item's check, in a question DM. */
  verifyActions: 'verify_actions',
} as const;

/** Inputs of the incident modals: each is the block id and, inside it, the action id. */
export const Field = {
  title: 'title',
  severity: 'severity',
  description: 'description',
  responders: 'responders',
  private: 'private',
  impactStartedAt: 'impact_started_at',
  status: 'status',
  commander: 'commander',
  resolutionNote: 'resolution_note',
  entryText: 'entry_text',
  entryDate: 'entry_date',
  entryTime: 'entry_time',
  milestone: 'milestone',
  incident: 'incident',
  summary: 'pm_summary',
  impact: 'pm_impact',
  causeAvoid: 'pm_cause_avoid',
  causeDetect: 'pm_cause_detect',
  causeFixFaster: 'pm_cause_fix_faster',
  fiveWhys: 'pm_five_whys',
  wentWell: 'pm_went_well',
  wentWrong: 'pm_went_wrong',
  gotLucky: 'pm_got_lucky',
  facilitator: 'pm_facilitator',
  meetingDate: 'pm_meeting_date',
  meetingTime: 'pm_meeting_time',
  invitees: 'pm_invitees',
  tags: 'pm_tags',
  anonymise: 'pm_anonymise',
  /** The post-mortem's Related incidents: suggested past incidents, kept or removed. */
  relatedIncidents: 'pm_related',
  publishAnyway: 'pm_publish_anyway',
  itemDescription: 'ai_description',
  itemOwner: 'ai_owner',
  itemDue: 'ai_due',
  itemType: 'ai_type',
  itemTicket: 'ai_ticket',
  /** How long after done to ask whether it works. */
  itemVerifyAfter: 'ai_verify_after',
  wontDoReason: 'wont_do_reason',
  notEffectiveWhy: 'not_effective_why',
  notEffectiveInstead: 'not_effective_instead',
  notEffectiveDue: 'not_effective_due',
  alertDismissReason: 'alert_dismiss_reason',
  /** Named or anonymous. */
  accountSigned: 'account_signed',
} as const;

/** The account form's signing choice: the values of its two options. */
export const AccountSigned = {
  named: 'named',
  anonymous: 'anonymous',
} as const;

/** The action-item form's "Check it works after" choices other than a number of days. */
export const VerifyAfterChoice = {
  default: 'default',
  none: 'none',
} as const;

/** The account form's answers, one input per question, keyed by the question's name. */
export const AccountField = {
  noticed: 'account_noticed',
  did: 'account_did',
  expected: 'account_expected',
  surprised: 'account_surprised',
  helped: 'account_helped',
} as const;
