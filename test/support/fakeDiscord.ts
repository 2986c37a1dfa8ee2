/**
 * A reusable in-process fake of Discord (REST API + websocket gateway) for tests.
 *
 * A real discord.js `Client` can log in to it:
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   await client.login(fake.botToken);
 *   const { id } = fake.sendInteraction(fake.chatInput({ name: 'ask', options: { question: 'x' } }));
 *   const callback = await fake.waitForCallback(id);
 *   ...
 *   await client.destroy();
 *   await fake.stop();
 *
 * Several shards: with `shards: N` the fake recommends N in /gateway/bot, each IDENTIFY's `shard: [id, count]` gets the
 * servers of that shard (`(guild_id >> 22) % count`, as Discord routes them) in READY and GUILD_CREATE, and an
 * interaction from a server is dispatched on its shard's session (a DM on shard 0).
 *
 * HTTP interactions: `postInteraction(url, payload)` signs the payload with the application's Ed25519 key (the public
 * half is `publicKeyHex`) and POSTs it to an interactions endpoint, as Discord does; the HTTP response is taken as the
 * interaction's callback, so follow-ups and edits of the reply work as for a gateway interaction.
 *
 * Only what a bot that answers interactions needs is implemented; anything else answers 404 with a
 * Discord-like error body (and is recorded, so a test can see what was attempted).
 *
 * Behaviour worth knowing (mirrors discord.js 14 / @discordjs/rest 2 / @discordjs/ws 1):
 * - @discordjs/rest retries 5xx responses `retries` times (default 3) before rejecting, so
 *   `failNext(1, 500)` alone is retried transparently. Use `failNext(4, 500)` or a client created with
 *   `rest: { retries: 0 }` to make a call reject. 4xx responses (other than 429) are never retried.
 * - 429 responses are retried after `Retry-After` (seconds, taken from `retry_after` in the body).
 * - Interaction callbacks are always sent with `?with_response=false|true`; `false` → 204, `true` → 200 with an
 *   interaction callback response object.
 * - After a resumable gateway close (e.g. 4000) the client waits 500 ms, reconnects to `resume_gateway_url`
 *   and sends RESUME. A non-resumable close (e.g. 1000 from the server, or 4007/4009) makes it IDENTIFY again,
 *   and the identify throttle of @discordjs/ws then waits 5-6.5 s if the previous identify was < 5 s ago.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import zlib from 'node:zlib';
import { WebSocketServer, WebSocket } from 'ws';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  MessageType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  type ModalSubmitComponent,
} from 'discord.js';

// ---------------------------------------------------------------------------------------------------------------
// Constants and small helpers
// ---------------------------------------------------------------------------------------------------------------

export const DEFAULT_APP_ID = '1100000000000000001';
export const DEFAULT_GUILD_ID = '1100000000000000100';
export const DEFAULT_CHANNEL_ID = '1100000000000000200';
export const DEFAULT_USER_ID = '1100000000000000300';
export const DEFAULT_BOT_USERNAME = 'factcheck';

const DISCORD_EPOCH = 1420070400000n;

const PERM = {
  CreateInstantInvite: 1n << 0n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
};

/** Permission bitfield of an ordinary member (what @everyone typically has). */
export const DEFAULT_MEMBER_PERMISSIONS = (
  PERM.CreateInstantInvite |
  PERM.AddReactions |
  PERM.ViewChannel |
  PERM.SendMessages |
  PERM.EmbedLinks |
  PERM.AttachFiles |
  PERM.ReadMessageHistory |
  PERM.UseExternalEmojis |
  PERM.Connect |
  PERM.Speak |
  PERM.ChangeNickname |
  PERM.UseApplicationCommands |
  PERM.SendMessagesInThreads
).toString();

/** Administrator (1 << 3) plus the ordinary member permissions. */
export const ADMIN_PERMISSIONS = (BigInt(DEFAULT_MEMBER_PERMISSIONS) | (1n << 3n)).toString();

/** Permissions the bot has in the channel (`app_permissions`). */
export const DEFAULT_APP_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS;

let snowflakeIncrement = 0n;
/** A realistic, monotonically increasing snowflake. */
export function snowflake(): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

function nowIso(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------------

export interface FakeDiscordOptions {
  /** Application id == bot user id. */
  appId?: string;
  botToken?: string;
  botUsername?: string;
  /** heartbeat_interval sent in HELLO (default 41250, like Discord). */
  heartbeatIntervalMs?: number;
  /** Reject REST calls that need `Authorization: Bot <token>` when it is missing/wrong (default true). */
  requireAuth?: boolean;
  /**
   * Guilds the bot is in. They are listed as unavailable in READY and a GUILD_CREATE (with one text channel,
   * the @everyone role and the bot's member) is dispatched right after, so discord.js caches them and
   * `interaction.inCachedGuild()` becomes true. Default: none (READY with no guilds → instant clientReady).
   */
  guilds?: Array<{
    id: string;
    name?: string;
    channelId?: string;
    ownerId?: string;
    /** Text channels besides the first (default 0), and roles besides @everyone (default 0): a bigger server. */
    channels?: number;
    roles?: number;
  }>;
  /**
   * If set, an interaction callback arriving more than this many ms after `sendInteraction` fails with
   * 404 Unknown interaction (10062), like Discord's 3 s deadline. Default: no deadline.
   */
  callbackDeadlineMs?: number;
  /** Log every REST request / gateway frame to stderr. */
  verbose?: boolean;
  /** Shards recommended by GET /gateway/bot (default 1). */
  shards?: number;
}

export interface PostInteractionOptions {
  /** Headers sent instead of the valid signature's (a value of undefined leaves the header out). */
  headers?: Record<string, string | undefined>;
  /** Changes the body after it was signed (a tampered request). */
  tamper?: (signedBody: string) => string;
  /** Certificate authority to trust for an https endpoint (a test's self-signed certificate). */
  ca?: string;
}

export interface PostedInteraction extends SentInteraction {
  /** HTTP status of the endpoint's answer (0 when it did not answer within `callbackDeadlineMs`). */
  status: number;
  /** Its JSON body (undefined when empty or not JSON). */
  body: unknown;
  /** True when the fake took the body as the interaction's callback (a valid one, for this interaction). */
  accepted: boolean;
}

export interface RecordedFile {
  /** Multipart field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Decoded pathname, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Path with the `/api/v10` prefix removed, e.g. `/webhooks/1/tok/messages/@original`. */
  route: string;
  /** Pathname exactly as received (percent-encoded). */
  rawPath: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, the parsed `payload_json` of a multipart body, the raw text otherwise, or undefined. */
  body: unknown;
  files: RecordedFile[];
  rawBody: Buffer;
  /** Status the fake answered with. */
  status: number;
  /** Body the fake answered with (undefined for 204). */
  response: unknown;
  /** True when the answer came from `failNext`. */
  injected: boolean;
  at: number;
}

/** What a `failNext` matcher / predicate sees (the request before it is answered). */
export type IncomingRequest = Omit<RecordedRequest, 'status' | 'response' | 'injected'>;

export type RequestMatcher = string | RegExp | ((req: IncomingRequest) => boolean);

export interface GatewayFrame {
  direction: 'in' | 'out';
  /** Index of the websocket connection (0 = first connection). */
  connection: number;
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
  at: number;
}

export interface InteractionCallbackBody {
  type: number;
  data?: Record<string, unknown>;
}

export interface SentInteraction {
  id: string;
  token: string;
}

export interface FakeDiscord {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** `http://127.0.0.1:PORT/api` — pass as `rest: { api }` to discord.js. */
  apiUrl: string;
  /** `ws://127.0.0.1:PORT` */
  gatewayUrl: string;
  appId: string;
  botToken: string;
  botUser: APIUser;
  /** Every REST request answered so far, in order. */
  readonly requests: RecordedRequest[];
  /** Every gateway frame sent or received, in order. */
  readonly gatewayLog: GatewayFrame[];
  /** Registered commands: key `global` or a guild id. */
  readonly commands: Map<string, Array<Record<string, unknown>>>;
  /** The DM channel opened with each user (POST /users/@me/channels), by user id. */
  readonly dmChannels: ReadonlyMap<string, string>;
  /** Bodies of the accepted (2xx) messages the bot posted in a channel (POST /channels/{id}/messages), in order. */
  channelMessages(channelId: string): Array<Record<string, unknown>>;

  /** Dispatch INTERACTION_CREATE. Returns the interaction id and token. */
  sendInteraction(payload: APIInteraction | Record<string, unknown>): SentInteraction;
  /** The application's public key (hex), which an HTTP interactions endpoint verifies signatures with. */
  publicKeyHex: string;
  /** Send an interaction to an HTTP interactions endpoint, signed, as Discord does; see PostInteractionOptions. */
  postInteraction(endpoint: string, payload: APIInteraction | Record<string, unknown>, options?: PostInteractionOptions): Promise<PostedInteraction>;
  /** Dispatch any event over the gateway (buffered for RESUME replay while the client is disconnected). */
  dispatch(t: string, d: unknown): number;

  chatInput(opts: ChatInputOptions): APIChatInputApplicationCommandInteraction;
  messageCommand(opts: MessageCommandOptions): APIMessageApplicationCommandInteraction;
  autocomplete(opts: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction;
  modalSubmit(opts: ModalSubmitOptions): APIModalSubmitInteraction;
  button(opts: ButtonOptions): APIMessageComponentButtonInteraction;
  stringSelect(opts: StringSelectOptions): APIMessageComponentSelectMenuInteraction;

  /** Resolve with the first request (already recorded or future) matching `predicate`. */
  waitFor(predicate: (req: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * Resolve with the first gateway frame (already logged or future) matching `predicate`. Outgoing ('out') frames
   * resolve when the fake sends them, not when discord.js has processed them: wait for a client event
   * (`clientReady`, `shardResume`) before `client.destroy()` — destroying a shard that is still waiting for READY
   * makes @discordjs/ws reconnect after the destroy.
   */
  waitForGateway(predicate: (frame: GatewayFrame) => boolean, timeoutMs?: number): Promise<GatewayFrame>;
  /** Bodies of the accepted (2xx) callbacks for an interaction. */
  callbacksFor(interactionId: string): InteractionCallbackBody[];
  /** First accepted (2xx) callback body for an interaction. */
  waitForCallback(interactionId: string, timeoutMs?: number): Promise<InteractionCallbackBody>;
  /** Bodies of accepted PATCHes of the interaction's messages (`@original` unless `messageId` given). */
  editsFor(token: string, messageId?: string): Array<Record<string, unknown>>;
  /** First accepted PATCH body of `.../messages/@original` (or `messageId`) for an interaction token. */
  waitForEdit(token: string, timeoutMs?: number, messageId?: string): Promise<Record<string, unknown>>;
  /** Bodies of accepted followup POSTs for an interaction token. */
  followupsFor(token: string): Array<Record<string, unknown>>;
  waitForFollowup(token: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Current state of the interaction's original response message (undefined if none). */
  originalMessage(token: string): APIMessage | undefined;

  /**
   * Answer the next `n` REST requests matching `match` (any request if omitted) with `status` and `body`.
   * `match`: substring of the decoded path, RegExp on the decoded path, or predicate.
   * For 429 the default body is `{ message, retry_after: 0.05, global: false }` and `Retry-After` is set from
   * `retry_after`. For 5xx the default body is `{ message: '500: Internal Server Error', code: 0 }`.
   */
  failNext(n: number, status: number, body?: unknown, match?: RequestMatcher): void;
  /** Delay every REST response by `ms` (0 to disable). */
  setDelay(ms: number): void;
  /** Close every gateway connection with `code` (default 4000, resumable). Resolves when they are closed. */
  closeGateway(code?: number, reason?: string): Promise<void>;
  /** Send op 9 INVALID_SESSION to the connected client. */
  invalidateSession(resumable?: boolean): void;
  /** Send op 7 RECONNECT to the connected client. */
  requestReconnect(): void;
  /** Number of websocket connections that IDENTIFYed / RESUMEd successfully. */
  readonly stats: { connections: number; identifies: number; resumes: number; heartbeats: number };
  /**
   * Drop what the fake keeps about an interaction (its state and its RESUME replay event), so a long soak does not
   * measure the fake's memory. Later calls about it are answered as for an unknown interaction.
   */
  forget(interactionId: string): void;
  /** Clear recorded requests and gateway log, pending failures and delay (sessions are kept). */
  reset(): void;
  /** Close all sockets and the server. Idempotent. */
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Interaction payload builders
// ---------------------------------------------------------------------------------------------------------------

export interface InteractionBaseOptions {
  applicationId?: string;
  id?: string;
  token?: string;
  /** `null` → a DM interaction (user instead of member, channel type DM, context BotDM). */
  guildId?: string | null;
  channelId?: string;
  userId?: string;
  username?: string;
  globalName?: string | null;
  nick?: string | null;
  /** Member permission bitfield (string). Default: ordinary member permissions. */
  permissions?: string;
  roles?: string[];
  /** The bot's permissions in the channel. */
  appPermissions?: string;
  locale?: string;
  guildLocale?: string;
  /**
   * Who installed the app for this interaction (its `authorizing_integration_owners`). Default: the guild, in a
   * guild (its id under key 0); the user, in a DM (their id under key 1). `user` in a guild: a member who installed
   * the app for themselves, in a server that did not add the bot. `both`: the server and the member.
   */
  installedBy?: 'guild' | 'user' | 'both';
}

/** Either raw API options, or a shorthand record: string → STRING, integer → INTEGER, other number → NUMBER, boolean → BOOLEAN. */
export type CommandOptionsInput = APIApplicationCommandInteractionDataOption[] | Record<string, string | number | boolean>;

export interface ChatInputOptions extends InteractionBaseOptions {
  name: string;
  commandId?: string;
  options?: CommandOptionsInput;
  subcommand?: string;
  subcommandGroup?: string;
  resolved?: APIInteractionDataResolved;
  /** Set for guild-registered commands. */
  commandGuildId?: string;
}

export interface MessageCommandOptions extends InteractionBaseOptions {
  name: string;
  commandId?: string;
  /**
   * The message the command runs on, as Discord puts it in the interaction's resolved data (content included: no
   * privileged intent is needed). Default: a member's plain text message in the interaction's channel.
   */
  target?: Partial<APIMessage>;
}

export interface AutocompleteOptions extends ChatInputOptions {
  /** Name of the focused option (default: the last option). */
  focused?: string;
}

export interface ModalSubmitOptions extends InteractionBaseOptions {
  customId: string;
  /**
   * Text inputs: `{ customId: value }`, `[{ customId, value }]`, or raw API modal submit components.
   * Shorthand inputs are wrapped one per action row (type 1) as text inputs (type 4).
   */
  components?: Record<string, string> | Array<{ customId: string; value: string }> | ModalSubmitComponent[];
  /** Set when the modal was opened from a message component. */
  message?: APIMessage;
}

export interface ButtonOptions extends InteractionBaseOptions {
  customId: string;
  /** The message the button is on. Default: a bot message carrying this button. */
  message?: Partial<APIMessage>;
}

export interface StringSelectOptions extends InteractionBaseOptions {
  customId: string;
  values: string[];
  message?: Partial<APIMessage>;
}

function makeUser(id: string, username: string, globalName: string | null, bot = false): APIUser {
  return {
    id,
    username,
    global_name: globalName,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    flags: 0,
    ...(bot ? { bot: true } : {}),
  } as unknown as APIUser;
}

/** A field of a JSON payload as text: itself when it is a string, else empty. */
const stringField = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A server's text channel as Discord describes it. */
function textChannel(id: string, guildId: string, name: string, position: number): Record<string, unknown> {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0,
  };
}

function baseInteraction(type: InteractionType, o: InteractionBaseOptions): Record<string, unknown> {
  const applicationId = o.applicationId ?? DEFAULT_APP_ID;
  const guildId = o.guildId === undefined ? DEFAULT_GUILD_ID : o.guildId;
  const channelId = o.channelId ?? DEFAULT_CHANNEL_ID;
  const userId = o.userId ?? DEFAULT_USER_ID;
  const username = o.username ?? `user${userId.slice(-4)}`;
  const user = makeUser(userId, username, o.globalName === undefined ? username : o.globalName);
  const appPermissions = o.appPermissions ?? DEFAULT_APP_PERMISSIONS;

  const payload: Record<string, unknown> = {
    id: o.id ?? snowflake(),
    application_id: applicationId,
    type,
    token: o.token ?? interactionToken(),
    version: 1,
    app_permissions: appPermissions,
    locale: o.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };

  if (guildId === null) {
    payload.user = user;
    payload.channel_id = channelId;
    payload.channel = { id: channelId, type: ChannelType.DM, flags: 0, last_message_id: null, recipients: [user] };
    payload.context = InteractionContextType.BotDM;
    payload.authorizing_integration_owners =
      o.installedBy === 'guild' || o.installedBy === 'both'
        ? {
            [ApplicationIntegrationType.GuildInstall]: '0',
            ...(o.installedBy === 'both' ? { [ApplicationIntegrationType.UserInstall]: userId } : {}),
          }
        : { [ApplicationIntegrationType.UserInstall]: userId };
  } else {
    const member: APIInteractionGuildMember = {
      user,
      roles: o.roles ?? [],
      permissions: o.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: o.nick ?? null,
      avatar: null,
      banner: null,
      communication_disabled_until: null,
    } as unknown as APIInteractionGuildMember;
    payload.guild_id = guildId;
    payload.guild = { id: guildId, locale: o.guildLocale ?? 'en-US', features: [] };
    payload.guild_locale = o.guildLocale ?? 'en-US';
    payload.member = member;
    payload.channel_id = channelId;
    payload.channel = { ...textChannel(channelId, guildId, 'general', 0), permissions: appPermissions };
    payload.context = InteractionContextType.Guild;
    const installedBy = o.installedBy ?? 'guild';
    payload.authorizing_integration_owners = {
      ...(installedBy !== 'user' ? { [ApplicationIntegrationType.GuildInstall]: guildId } : {}),
      ...(installedBy !== 'guild' ? { [ApplicationIntegrationType.UserInstall]: userId } : {}),
    };
  }
  return payload;
}

function toApiOptions(input: CommandOptionsInput | undefined): APIApplicationCommandInteractionDataOption[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return clone(input);
  return Object.entries(input).map(([name, value]) => {
    if (typeof value === 'string') return { name, type: ApplicationCommandOptionType.String, value };
    if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value };
    return {
      name,
      type: Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number,
      value,
    };
  });
}

function commandData(o: ChatInputOptions, options: APIApplicationCommandInteractionDataOption[]): Record<string, unknown> {
  let wrapped: unknown[] = options;
  if (o.subcommand !== undefined) {
    wrapped = [{ name: o.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
  }
  if (o.subcommandGroup !== undefined) {
    wrapped = [{ name: o.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: wrapped }];
  }
  const data: Record<string, unknown> = {
    id: o.commandId ?? snowflake(),
    name: o.name,
    type: ApplicationCommandType.ChatInput,
  };
  if (wrapped.length > 0) data.options = wrapped;
  if (o.resolved !== undefined) data.resolved = o.resolved;
  if (o.commandGuildId !== undefined) data.guild_id = o.commandGuildId;
  return data;
}

/** Build an APPLICATION_COMMAND (type 2) chat-input interaction. */
export function chatInput(o: ChatInputOptions): APIChatInputApplicationCommandInteraction {
  const payload = baseInteraction(InteractionType.ApplicationCommand, o);
  payload.data = commandData(o, toApiOptions(o.options));
  return payload as unknown as APIChatInputApplicationCommandInteraction;
}

/** Build an APPLICATION_COMMAND (type 2) message command interaction (Apps → command on a message). */
export function messageCommand(o: MessageCommandOptions): APIMessageApplicationCommandInteraction {
  const payload = baseInteraction(InteractionType.ApplicationCommand, o);
  const author = makeUser(snowflake(), 'poster', 'Poster');
  const target = {
    ...makeMessage({ appId: String(payload.application_id), channelId: String(payload.channel_id), botUser: author }),
    webhook_id: undefined,
    application_id: undefined,
    ...(o.target ?? {}),
  } as APIMessage;
  payload.data = {
    id: o.commandId ?? snowflake(),
    name: o.name,
    type: ApplicationCommandType.Message,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
  };
  return payload as unknown as APIMessageApplicationCommandInteraction;
}

/** Build an APPLICATION_COMMAND_AUTOCOMPLETE (type 4) interaction with one focused option. */
export function autocomplete(o: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction {
  const payload = baseInteraction(InteractionType.ApplicationCommandAutocomplete, o);
  const options = toApiOptions(o.options) as Array<APIApplicationCommandInteractionDataOption & { focused?: boolean }>;
  // Autocomplete values are sent as typed by the user (partial input), i.e. strings for string options.
  const focusedName = o.focused ?? options[options.length - 1]?.name;
  for (const option of options) {
    if (option.name === focusedName) option.focused = true;
  }
  payload.data = commandData(o, options);
  return payload as unknown as APIApplicationCommandAutocompleteInteraction;
}

/** Build a MODAL_SUBMIT (type 5) interaction. */
export function modalSubmit(o: ModalSubmitOptions): APIModalSubmitInteraction {
  const payload = baseInteraction(InteractionType.ModalSubmit, o);
  let components: unknown[] = [];
  const input = o.components;
  if (Array.isArray(input)) {
    components = input.map((c) =>
      'type' in c
        ? clone(c)
        : { type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: c.customId, value: c.value }] },
    );
  } else if (input !== undefined) {
    components = Object.entries(input).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
    }));
  }
  payload.data = { custom_id: o.customId, components };
  if (o.message !== undefined) payload.message = o.message;
  return payload as unknown as APIModalSubmitInteraction;
}

function componentMessage(
  applicationId: string,
  channelId: string,
  component: Record<string, unknown>,
  partial: Partial<APIMessage> | undefined,
): APIMessage {
  const base = makeMessage({
    appId: applicationId,
    channelId,
    content: 'Choose:',
    components: [{ type: ComponentType.ActionRow, components: [component] }],
  });
  return { ...base, ...(partial ?? {}) } as APIMessage;
}

/** Build a MESSAGE_COMPONENT (type 3) button interaction, including the message the button is on. */
export function button(o: ButtonOptions): APIMessageComponentButtonInteraction {
  const payload = baseInteraction(InteractionType.MessageComponent, o);
  payload.data = { custom_id: o.customId, component_type: ComponentType.Button };
  payload.message = componentMessage(
    String(payload.application_id),
    String(payload.channel_id),
    { type: ComponentType.Button, style: 1, label: 'Button', custom_id: o.customId },
    o.message,
  );
  return payload as unknown as APIMessageComponentButtonInteraction;
}

/** Build a MESSAGE_COMPONENT (type 3) string select interaction. */
export function stringSelect(o: StringSelectOptions): APIMessageComponentSelectMenuInteraction {
  const payload = baseInteraction(InteractionType.MessageComponent, o);
  payload.data = { custom_id: o.customId, component_type: ComponentType.StringSelect, values: [...o.values] };
  payload.message = componentMessage(
    String(payload.application_id),
    String(payload.channel_id),
    {
      type: ComponentType.StringSelect,
      custom_id: o.customId,
      options: o.values.map((v) => ({ label: v, value: v })),
      min_values: 1,
      max_values: 1,
    },
    o.message,
  );
  return payload as unknown as APIMessageComponentSelectMenuInteraction;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------------

const MESSAGE_FIELDS = ['content', 'embeds', 'components', 'tts', 'poll', 'sticker_ids'] as const;
const FLAG_EPHEMERAL = 1 << 6;
const FLAG_LOADING = 1 << 7;

interface MakeMessageInput {
  appId: string;
  channelId: string;
  content?: string;
  components?: unknown[];
  data?: Record<string, unknown>;
  files?: RecordedFile[];
  flags?: number;
  type?: MessageType;
  interaction?: { id: string; type: number; userId: string; name?: string };
  botUser?: APIUser;
}

function attachmentsFrom(files: RecordedFile[] | undefined, data: Record<string, unknown> | undefined, channelId: string): unknown[] {
  const declared = Array.isArray(data?.attachments) ? (data.attachments as Array<Record<string, unknown>>) : [];
  return (files ?? []).map((file, index) => {
    const id = snowflake();
    const meta = declared.find((a) => String(a.id) === String(index));
    const filename = typeof meta?.filename === 'string' ? meta.filename : file.filename;
    return {
      id,
      filename,
      size: file.size,
      url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${filename}`,
      proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${filename}`,
      content_type: file.contentType,
      ...(typeof meta?.description === 'string' ? { description: meta.description } : {}),
    };
  });
}

function makeMessage(i: MakeMessageInput): APIMessage {
  const id = snowflake();
  const data = i.data ?? {};
  const author = i.botUser ?? makeUser(i.appId, DEFAULT_BOT_USERNAME, null, true);
  const message: Record<string, unknown> = {
    id,
    type: i.type ?? MessageType.Default,
    channel_id: i.channelId,
    author,
    content: typeof data.content === 'string' ? data.content : (i.content ?? ''),
    timestamp: nowIso(),
    edited_timestamp: null,
    tts: data.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: attachmentsFrom(i.files, data, i.channelId),
    embeds: Array.isArray(data.embeds) ? data.embeds : [],
    components: Array.isArray(data.components) ? data.components : (i.components ?? []),
    pinned: false,
    flags: (typeof data.flags === 'number' ? data.flags : 0) | (i.flags ?? 0),
    application_id: i.appId,
    webhook_id: i.appId,
  };
  if (isRecord(data.poll)) message.poll = data.poll;
  if (i.interaction) {
    message.interaction_metadata = {
      id: i.interaction.id,
      type: i.interaction.type,
      user: makeUser(i.interaction.userId, `user${i.interaction.userId.slice(-4)}`, null),
      authorizing_integration_owners: {},
      ...(i.interaction.name ? { name: i.interaction.name } : {}),
    };
  }
  return message as unknown as APIMessage;
}

function applyEdit(message: APIMessage, data: Record<string, unknown>, files: RecordedFile[]): APIMessage {
  const next = clone(message) as unknown as Record<string, unknown>;
  for (const key of MESSAGE_FIELDS) {
    if (key in data && data[key] !== undefined) next[key] = data[key] ?? (key === 'content' ? '' : []);
  }
  if (typeof data.flags === 'number') {
    next.flags = (data.flags & ~FLAG_LOADING) | (Number(next.flags) & FLAG_EPHEMERAL);
  } else {
    next.flags = Number(next.flags ?? 0) & ~FLAG_LOADING;
  }
  if (Array.isArray(data.attachments) || files.length > 0) {
    const kept = Array.isArray(data.attachments)
      ? (next.attachments as Array<Record<string, unknown>>).filter((a) =>
          (data.attachments as Array<Record<string, unknown>>).some((k) => String(k.id) === String(a.id)),
        )
      : (next.attachments as unknown[]);
    next.attachments = [...kept, ...attachmentsFrom(files, data, String(next.channel_id))];
  }
  next.edited_timestamp = nowIso();
  return next as unknown as APIMessage;
}

// ---------------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------------

interface FailRule {
  remaining: number;
  status: number;
  body: unknown;
  match: RequestMatcher | undefined;
}

interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  payload: Record<string, unknown>;
  sentAt: number;
  acknowledged: boolean;
  callbackType?: number;
  original?: APIMessage;
  /** True while the original is the "thinking…" message of a deferred reply. */
  loading: boolean;
  deferredFlags: number;
  followups: Map<string, APIMessage>;
}

interface GatewaySession {
  id: string;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
  seq: number;
  events: Array<{ s: number; t: string; d: unknown }>;
  conn: GatewayConnection | null;
}

interface GatewayConnection {
  index: number;
  ws: WebSocket;
  session: GatewaySession | null;
  deflate: zlib.Deflate | null;
  sendChain: Promise<void>;
}

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const ERR = {
  notFound: { status: 404, body: { message: '404: Not Found', code: 0 } },
  methodNotAllowed: { status: 405, body: { message: '405: Method Not Allowed', code: 0 } },
  unauthorized: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
  unknownInteraction: { status: 404, body: { message: 'Unknown interaction', code: 10062 } },
  unknownWebhook: { status: 404, body: { message: 'Unknown Webhook', code: 10015 } },
  unknownMessage: { status: 404, body: { message: 'Unknown Message', code: 10008 } },
  alreadyAcknowledged: { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } },
  invalidJson: { status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } },
} satisfies Record<string, RouteResult>;

function userIdOf(state: InteractionState): string {
  const member = state.payload.member as { user?: { id?: string } } | undefined;
  const user = state.payload.user as { id?: string } | undefined;
  return String(member?.user?.id ?? user?.id ?? DEFAULT_USER_ID);
}

function invalidForm(field: string, message: string): RouteResult {
  return {
    status: 400,
    body: {
      message: 'Invalid Form Body',
      code: 50035,
      errors: { [field]: { _errors: [{ code: 'BASE_TYPE_INVALID', message }] } },
    },
  };
}

/** POSTs a body; null when no answer came within `timeoutMs`. */
function postJson(
  endpoint: string,
  headers: Record<string, string>,
  body: string,
  ca: string | undefined,
  timeoutMs: number | undefined,
): Promise<{ status: number; text: string } | null> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', headers, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    if (timeoutMs !== undefined) request.setTimeout(timeoutMs, () => request.destroy(new Error('timed out')));
    request.on('error', (error) => (error.message === 'timed out' ? resolve(null) : reject(error)));
    request.end(body);
  });
}

/** The shard Discord routes a server's events to. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function matches(matcher: RequestMatcher | undefined, req: IncomingRequest): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'string') return req.path.includes(matcher);
  if (matcher instanceof RegExp) return matcher.test(req.path);
  return matcher(req);
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const appId = opts.appId ?? DEFAULT_APP_ID;
  const botToken =
    opts.botToken ?? `${Buffer.from(appId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
  const botUser = makeUser(appId, opts.botUsername ?? DEFAULT_BOT_USERNAME, null, true);
  const heartbeatInterval = opts.heartbeatIntervalMs ?? 41250;
  const requireAuth = opts.requireAuth ?? true;
  const guilds = opts.guilds ?? [];
  const verbose = opts.verbose ?? false;
  const recommendedShards = opts.shards ?? 1;
  const keys = generateKeyPairSync('ed25519');
  const publicKeyHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

  const requests: RecordedRequest[] = [];
  const gatewayLog: GatewayFrame[] = [];
  const commands = new Map<string, Array<Record<string, unknown>>>();
  /** The DM channel of each user the bot opened one with (POST /users/@me/channels). */
  const dmChannels = new Map<string, string>();
  const interactionsById = new Map<string, InteractionState>();
  const interactionsByToken = new Map<string, InteractionState>();
  const failRules: FailRule[] = [];
  const requestWaiters = new Set<Waiter<RecordedRequest>>();
  const gatewayWaiters = new Set<Waiter<GatewayFrame>>();
  const sessions = new Map<string, GatewaySession>();
  const connections = new Set<GatewayConnection>();
  const stats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0 };
  let currentSession: GatewaySession | null = null;
  /** The live session of each shard id. */
  const shardSessions = new Map<number, GatewaySession>();
  let delayMs = 0;
  let stopped = false;
  let baseUrl = '';
  let gatewayUrl = '';

  const log = (...args: unknown[]): void => {
    if (verbose) console.error('[fakeDiscord]', ...args);
  };

  // ----- waiting -------------------------------------------------------------------------------------------------

  function addWaiter<T>(
    set: Set<Waiter<T>>,
    existing: readonly T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    const found = existing.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    if (stopped) return Promise.reject(new Error('fakeDiscord: already stopped'));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(waiter.timer);
          set.delete(waiter);
          resolve(item);
        },
        reject: (err) => {
          clearTimeout(waiter.timer);
          set.delete(waiter);
          reject(err);
        },
        timer: setTimeout(() => {
          waiter.reject(new Error(`fakeDiscord: timed out after ${timeoutMs} ms waiting for ${describe()}`));
        }, timeoutMs),
      };
      set.add(waiter);
    });
  }

  function notify<T>(set: Set<Waiter<T>>, item: T): void {
    for (const waiter of [...set]) {
      let ok = false;
      try {
        ok = waiter.predicate(item);
      } catch (err) {
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (ok) waiter.resolve(item);
    }
  }

  const seenRoutes = (): string => {
    const recent = requests.slice(-15).map((r) => `${r.method} ${r.route} → ${r.status}`);
    return recent.length ? `; recent requests:\n  ${recent.join('\n  ')}` : '; no requests recorded';
  };

  // ----- gateway -------------------------------------------------------------------------------------------------

  function gatewaySend(conn: GatewayConnection, payload: { op: number; d: unknown; s: number | null; t: string | null }): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    const frame: GatewayFrame = {
      direction: 'out',
      connection: conn.index,
      op: payload.op,
      t: payload.t,
      s: payload.s,
      d: payload.d,
      at: Date.now(),
    };
    gatewayLog.push(frame);
    log('gateway →', payload.op, payload.t ?? '');
    const json = JSON.stringify(payload);
    const deflate = conn.deflate;
    if (deflate) {
      // zlib-stream transport compression: one shared deflate context, each message ends with a sync flush.
      conn.sendChain = conn.sendChain.then(
        () =>
          new Promise<void>((resolve) => {
            const chunks: Buffer[] = [];
            const onData = (chunk: Buffer): void => {
              chunks.push(chunk);
            };
            deflate.on('data', onData);
            deflate.write(json);
            deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
              deflate.off('data', onData);
              if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(Buffer.concat(chunks), { binary: true });
              resolve();
            });
          }),
      );
    } else {
      conn.ws.send(json);
    }
    notify(gatewayWaiters, frame);
  }

  function dispatchOn(session: GatewaySession, t: string, d: unknown, buffer = true): number {
    session.seq += 1;
    const s = session.seq;
    if (buffer) session.events.push({ s, t, d });
    if (session.conn) gatewaySend(session.conn, { op: 0, t, s, d });
    return s;
  }

  function guildCreatePayload(g: NonNullable<FakeDiscordOptions['guilds']>[number]): Record<string, unknown> {
    const channelId = g.channelId ?? DEFAULT_CHANNEL_ID;
    return {
      id: g.id,
      name: g.name ?? 'Test Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId ?? DEFAULT_USER_ID,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      application_id: null,
      system_channel_id: channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      features: [],
      emojis: [],
      stickers: [],
      roles: Array.from({ length: 1 + (g.roles ?? 0) }, (_, i) => ({
        id: i === 0 ? g.id : `${g.id}${String(i).padStart(3, '0')}`,
        name: i === 0 ? '@everyone' : `role ${i}`,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: DEFAULT_MEMBER_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        {
          user: botUser,
          roles: [],
          joined_at: '2024-01-01T00:00:00.000000+00:00',
          premium_since: null,
          deaf: false,
          mute: false,
          flags: 0,
          pending: false,
          nick: null,
          avatar: null,
          communication_disabled_until: null,
        },
      ],
      channels: Array.from({ length: 1 + (g.channels ?? 0) }, (_, i) => ({
        ...textChannel(i === 0 ? channelId : `${channelId}${String(i).padStart(3, '0')}`, g.id, i === 0 ? 'general' : `channel-${i}`, i),
        permission_overwrites: [],
      })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
    };
  }

  function onGatewayMessage(conn: GatewayConnection, raw: string): void {
    let payload: { op?: unknown; d?: unknown; s?: unknown; t?: unknown };
    try {
      payload = JSON.parse(raw) as typeof payload;
    } catch {
      conn.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = typeof payload.op === 'number' ? payload.op : -1;
    const frame: GatewayFrame = { direction: 'in', connection: conn.index, op, t: null, s: null, d: payload.d ?? null, at: Date.now() };
    gatewayLog.push(frame);
    log('gateway ←', op);
    notify(gatewayWaiters, frame);
    const d = isRecord(payload.d) ? payload.d : {};

    switch (op) {
      case 1: {
        // HEARTBEAT
        stats.heartbeats += 1;
        gatewaySend(conn, { op: 11, d: null, s: null, t: null });
        break;
      }
      case 2: {
        // IDENTIFY
        if (conn.session) {
          conn.ws.close(4005, 'Already authenticated.');
          break;
        }
        if (stringField(d.token).replace(/^Bot\s+/i, '') !== botToken) {
          conn.ws.close(4004, 'Authentication failed.');
          break;
        }
        const shard: [number, number] =
          Array.isArray(d.shard) && typeof d.shard[0] === 'number' && typeof d.shard[1] === 'number' ? [d.shard[0], d.shard[1]] : [0, 1];
        if (shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
          conn.ws.close(4010, 'Invalid shard.');
          break;
        }
        const session: GatewaySession = { id: randomBytes(16).toString('hex'), shard, seq: 0, events: [], conn };
        sessions.set(session.id, session);
        // A new session of the same shard replaces the old one; other shards' sessions stay.
        const previous = shardSessions.get(shard[0]);
        if (previous?.conn && previous.conn !== conn) previous.conn = null;
        shardSessions.set(shard[0], session);
        currentSession = session;
        conn.session = session;
        stats.identifies += 1;
        const shardGuilds = guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
        dispatchOn(session, 'READY', {
          v: 10,
          user_settings: {},
          user: botUser,
          guilds: shardGuilds.map((g) => ({ id: g.id, unavailable: true })),
          guild_join_requests: [],
          relationships: [],
          private_channels: [],
          presences: [],
          session_id: session.id,
          session_type: 'normal',
          resume_gateway_url: `${gatewayUrl}/resume`,
          shard,
          application: { id: appId, flags: 0 },
          auth: {},
          geo_ordered_rtc_regions: [],
          _trace: ['["fake-discord",{"micros":0}]'],
        });
        for (const g of shardGuilds) dispatchOn(session, 'GUILD_CREATE', guildCreatePayload(g));
        break;
      }
      case 3: // PRESENCE_UPDATE
      case 4: // VOICE_STATE_UPDATE
      case 8: // REQUEST_GUILD_MEMBERS
      case 31: // REQUEST_SOUNDBOARD_SOUNDS
        if (!conn.session) conn.ws.close(4003, 'Not authenticated.');
        break;
      case 6: {
        // RESUME
        const session = sessions.get(stringField(d.session_id));
        const seq = typeof d.seq === 'number' ? d.seq : Number.NaN;
        if (stringField(d.token).replace(/^Bot\s+/i, '') !== botToken) {
          conn.ws.close(4004, 'Authentication failed.');
          break;
        }
        if (!session || !(seq <= session.seq)) {
          gatewaySend(conn, { op: 9, d: false, s: null, t: null });
          break;
        }
        if (session.conn && session.conn !== conn && session.conn.ws.readyState === WebSocket.OPEN) {
          session.conn.ws.close(4000, 'Session resumed elsewhere');
        }
        session.conn = conn;
        conn.session = session;
        currentSession = session;
        shardSessions.set(session.shard[0], session);
        stats.resumes += 1;
        for (const event of session.events) {
          if (event.s > seq) gatewaySend(conn, { op: 0, t: event.t, s: event.s, d: event.d });
        }
        dispatchOn(session, 'RESUMED', { _trace: ['["fake-discord-resume",{"micros":0}]'] }, false);
        break;
      }
      default:
        conn.ws.close(4001, 'Unknown opcode.');
    }
  }

  // ----- REST ----------------------------------------------------------------------------------------------------

  function checkAuth(req: IncomingRequest): RouteResult | null {
    if (!requireAuth) return null;
    return req.headers.authorization === `Bot ${botToken}` ? null : ERR.unauthorized;
  }

  function echoCommands(key: string, body: unknown, guildId: string | null): RouteResult {
    if (!Array.isArray(body)) return invalidForm('_root', 'Must be an array.');
    const previous = commands.get(key) ?? [];
    const result = body.map((raw) => {
      const cmd = isRecord(raw) ? raw : {};
      const existing = previous.find((p) => p.name === cmd.name && (p.type ?? 1) === (cmd.type ?? 1));
      return normalizeCommand(cmd, existing, guildId);
    });
    commands.set(key, result);
    return { status: 200, body: result };
  }

  function normalizeCommand(
    cmd: Record<string, unknown>,
    existing: Record<string, unknown> | undefined,
    guildId: string | null,
  ): Record<string, unknown> {
    const type = (typeof cmd.type === 'number' ? cmd.type : ApplicationCommandType.ChatInput) as ApplicationCommandType;
    return {
      ...cmd,
      id: existing?.id ?? snowflake(),
      application_id: appId,
      version: snowflake(),
      type,
      name: cmd.name,
      description: typeof cmd.description === 'string' ? cmd.description : '',
      name_localizations: cmd.name_localizations ?? null,
      description_localizations: cmd.description_localizations ?? null,
      ...(type === ApplicationCommandType.ChatInput ? { options: Array.isArray(cmd.options) ? cmd.options : [] } : {}),
      default_member_permissions: cmd.default_member_permissions ?? null,
      dm_permission: cmd.dm_permission ?? true,
      nsfw: cmd.nsfw ?? false,
      contexts: cmd.contexts ?? null,
      integration_types: cmd.integration_types ?? [ApplicationIntegrationType.GuildInstall],
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  function handleCallback(id: string, token: string, req: IncomingRequest): RouteResult {
    const state = interactionsById.get(id);
    if (!state || state.token !== token) return ERR.unknownInteraction;
    if (opts.callbackDeadlineMs !== undefined && Date.now() - state.sentAt > opts.callbackDeadlineMs) {
      return ERR.unknownInteraction;
    }
    if (state.acknowledged) return ERR.alreadyAcknowledged;
    return acknowledge(state, req);
  }

  /** Takes a callback (over REST, or as the HTTP response of an interactions endpoint) as Discord does. */
  function acknowledge(state: InteractionState, req: Pick<IncomingRequest, 'body' | 'files' | 'query'>): RouteResult {
    const body = isRecord(req.body) ? req.body : {};
    const type = body.type;
    const data = isRecord(body.data) ? body.data : {};
    if (typeof type !== 'number' || ![1, 4, 5, 6, 7, 8, 9, 12].includes(type)) {
      return invalidForm('type', 'Value must be one of (1, 4, 5, 6, 7, 8, 9, 12).');
    }
    const isAutocomplete = state.type === InteractionType.ApplicationCommandAutocomplete;
    if (isAutocomplete !== (type === 8)) {
      return { status: 400, body: { message: 'Interaction response type is not valid for this interaction type', code: 40043 } };
    }
    if ((type === 6 || type === 7) && !isRecord(state.payload.message)) {
      return { status: 400, body: { message: 'Interaction has no message to update', code: 40043 } };
    }
    if (type === 9 && state.type === InteractionType.ModalSubmit) {
      return { status: 400, body: { message: 'Cannot respond to a modal submit with a modal', code: 40043 } };
    }

    state.acknowledged = true;
    state.callbackType = type;
    const channelId = stringField(state.payload.channel_id) || DEFAULT_CHANNEL_ID;
    const userId = userIdOf(state);
    const commandName = isRecord(state.payload.data) && typeof state.payload.data.name === 'string' ? state.payload.data.name : undefined;
    const interactionRef = { id: state.id, type: state.type, userId, name: commandName };
    const replyType = state.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Reply;

    if (type === 4) {
      state.original = makeMessage({ appId, channelId, data, files: req.files, type: replyType, interaction: interactionRef, botUser });
    } else if (type === 5) {
      state.deferredFlags = typeof data.flags === 'number' ? data.flags : 0;
      state.loading = true;
      state.original = makeMessage({
        appId,
        channelId,
        data: { content: '' },
        flags: FLAG_LOADING | (state.deferredFlags & FLAG_EPHEMERAL),
        type: replyType,
        interaction: interactionRef,
        botUser,
      });
    } else if (type === 6) {
      state.original = clone(state.payload.message) as unknown as APIMessage;
    } else if (type === 7) {
      state.original = applyEdit(clone(state.payload.message) as unknown as APIMessage, data, req.files);
    }

    if (req.query.with_response !== 'true') return { status: 204 };
    const original = state.original;
    return {
      status: 200,
      body: {
        interaction: {
          id: state.id,
          type: state.type,
          ...(original
            ? {
                response_message_id: original.id,
                response_message_loading: type === 5,
                response_message_ephemeral: ((original.flags ?? 0) & FLAG_EPHEMERAL) !== 0,
              }
            : {}),
        },
        resource: { type, ...(original && type !== 6 ? { message: original } : {}) },
      },
    };
  }

  function handleWebhook(method: string, parts: string[], req: IncomingRequest): RouteResult {
    // parts: [webhooks, appId, token, (messages, messageId)?]
    const [, hookId, token, sub, messageId, ...rest] = parts;
    if (hookId === undefined || token === undefined || rest.length > 0) return ERR.notFound;
    const state = interactionsByToken.get(token);
    if (hookId !== appId || !state) return ERR.unknownWebhook;
    if (!state.acknowledged) return ERR.unknownWebhook;
    const body = isRecord(req.body) ? req.body : {};
    const channelId = stringField(state.payload.channel_id) || DEFAULT_CHANNEL_ID;

    if (sub === undefined) {
      if (method !== 'POST') return ERR.methodNotAllowed;
      let message: APIMessage;
      if (state.loading && state.original) {
        // Discord: the first followup after a deferred reply replaces the "thinking…" message (keeping its
        // ephemeral flag from the defer).
        message = applyEdit(
          state.original,
          { ...body, flags: (typeof body.flags === 'number' ? body.flags : 0) | (state.deferredFlags & FLAG_EPHEMERAL) },
          req.files,
        );
        state.original = message;
        state.loading = false;
      } else {
        message = makeMessage({
          appId,
          channelId,
          data: body,
          files: req.files,
          botUser,
          interaction: { id: state.id, type: state.type, userId: userIdOf(state) },
        });
        state.followups.set(message.id, message);
      }
      return req.query.wait === 'true' ? { status: 200, body: message } : { status: 204 };
    }

    if (sub !== 'messages' || messageId === undefined) return ERR.notFound;
    const isOriginal = messageId === '@original' || messageId === state.original?.id;
    const current = isOriginal ? state.original : state.followups.get(messageId);
    if (!current) return ERR.unknownMessage;
    switch (method) {
      case 'GET':
        return { status: 200, body: current };
      case 'PATCH': {
        const next = applyEdit(current, body, req.files);
        if (isOriginal) {
          state.original = next;
          state.loading = false;
        } else {
          state.followups.set(messageId, next);
        }
        return { status: 200, body: next };
      }
      case 'DELETE':
        if (isOriginal) {
          state.original = undefined;
          state.loading = false;
        } else {
          state.followups.delete(messageId);
        }
        return { status: 204 };
      default:
        return ERR.methodNotAllowed;
    }
  }

  function route(req: IncomingRequest): RouteResult {
    const method = req.method;
    const parts = req.route.split('/').filter(Boolean);
    if (!/^\/api\/v\d+(\/|$)/.test(req.path)) return ERR.notFound;
    const [p0, p1, p2, p3, p4, p5] = parts;

    // Routes that authenticate with the interaction token instead of the bot token.
    if (p0 === 'interactions' && p3 === 'callback' && parts.length === 4 && p1 && p2) {
      return method === 'POST' ? handleCallback(p1, p2, req) : ERR.methodNotAllowed;
    }
    if (p0 === 'webhooks') return handleWebhook(method, parts, req);

    const auth = checkAuth(req);
    if (auth) return auth;

    if (p0 === 'gateway' && parts.length === 1) {
      return method === 'GET' ? { status: 200, body: { url: gatewayUrl } } : ERR.methodNotAllowed;
    }
    if (p0 === 'gateway' && p1 === 'bot' && parts.length === 2) {
      if (method !== 'GET') return ERR.methodNotAllowed;
      return {
        status: 200,
        body: {
          url: gatewayUrl,
          shards: recommendedShards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (p0 === 'users' && p1 === '@me' && parts.length === 2) {
      return method === 'GET'
        ? { status: 200, body: { ...botUser, verified: true, mfa_enabled: false, locale: 'en-US', premium_type: 0, email: null } }
        : ERR.methodNotAllowed;
    }
    if (
      (p0 === 'applications' && p1 === '@me' && parts.length === 2) ||
      (p0 === 'oauth2' && p1 === 'applications' && p2 === '@me' && parts.length === 3)
    ) {
      if (method !== 'GET') return ERR.methodNotAllowed;
      return {
        status: 200,
        body: {
          id: appId,
          name: botUser.username,
          icon: null,
          description: '',
          summary: '',
          type: null,
          bot_public: true,
          bot_require_code_grant: false,
          verify_key: randomBytes(32).toString('hex'),
          flags: 0,
          hook: true,
          is_monetized: false,
          integration_types_config: { '0': {} },
          bot: botUser,
          owner: makeUser(DEFAULT_USER_ID, 'owner', 'owner'),
          team: null,
          approximate_guild_count: guilds.length,
          redirect_uris: [],
          interactions_endpoint_url: null,
          tags: [],
        },
      };
    }
    if (p0 === 'applications' && p1 === appId) {
      // /applications/{app}/commands[/{id}] and /applications/{app}/guilds/{guild}/commands[/{id}]
      let key: string | null = null;
      let guildId: string | null = null;
      let commandId: string | undefined;
      if (p2 === 'commands' && parts.length <= 4) {
        key = 'global';
        commandId = p3;
      } else if (p2 === 'guilds' && p3 && p4 === 'commands' && parts.length <= 6) {
        key = p3;
        guildId = p3;
        commandId = p5;
      }
      if (key !== null) {
        const list = commands.get(key) ?? [];
        if (commandId === undefined) {
          if (method === 'GET') return { status: 200, body: list };
          if (method === 'PUT') return echoCommands(key, req.body, guildId);
          if (method === 'POST') {
            const cmd = isRecord(req.body) ? req.body : {};
            const existing = list.find((c) => c.name === cmd.name && (c.type ?? 1) === (cmd.type ?? 1));
            const created = normalizeCommand(cmd, existing, guildId);
            commands.set(key, [...list.filter((c) => c !== existing), created]);
            return { status: existing ? 200 : 201, body: created };
          }
          return ERR.methodNotAllowed;
        }
        const existing = list.find((c) => c.id === commandId);
        if (!existing) return { status: 404, body: { message: 'Unknown application command', code: 10063 } };
        if (method === 'GET') return { status: 200, body: existing };
        if (method === 'DELETE') {
          commands.set(
            key,
            list.filter((c) => c !== existing),
          );
          return { status: 204 };
        }
        if (method === 'PATCH') {
          const updated = { ...existing, ...(isRecord(req.body) ? req.body : {}), id: existing.id, version: snowflake() };
          commands.set(
            key,
            list.map((c) => (c === existing ? updated : c)),
          );
          return { status: 200, body: updated };
        }
        return ERR.methodNotAllowed;
      }
    }
    if (p0 === 'users' && p1 === '@me' && p2 === 'channels' && parts.length === 3 && method === 'POST') {
      // Create DM: one DM channel per user, the same one each time.
      const body = isRecord(req.body) ? req.body : {};
      const recipient = stringField(body.recipient_id);
      if (!recipient) return invalidForm('recipient_id', 'This field is required');
      let channelId = dmChannels.get(recipient);
      if (!channelId) dmChannels.set(recipient, (channelId = snowflake()));
      return {
        status: 200,
        body: {
          id: channelId,
          type: ChannelType.DM,
          last_message_id: null,
          flags: 0,
          recipients: [makeUser(recipient, `user${recipient.slice(-4)}`, null)],
        },
      };
    }
    if (p0 === 'channels' && p1 && p2 === 'messages' && parts.length === 3 && method === 'POST') {
      const body = isRecord(req.body) ? req.body : {};
      const message = makeMessage({ appId, channelId: p1, data: body, files: req.files, botUser }) as unknown as Record<string, unknown>;
      delete message.webhook_id;
      delete message.application_id;
      return { status: 200, body: message };
    }
    return ERR.notFound;
  }

  async function parseBody(contentType: string, raw: Buffer): Promise<{ body: unknown; files: RecordedFile[] } | RouteResult> {
    if (raw.length === 0) return { body: undefined, files: [] };
    if (contentType.includes('application/json')) {
      try {
        return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
      } catch {
        return ERR.invalidJson;
      }
    }
    if (contentType.includes('multipart/form-data')) {
      const form = await new Request('http://fake-discord.local/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(raw),
      }).formData();
      const files: RecordedFile[] = [];
      let body: unknown;
      const extra: Record<string, string> = {};
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') {
            try {
              body = JSON.parse(value) as unknown;
            } catch {
              return ERR.invalidJson;
            }
          } else {
            extra[field] = value;
          }
        } else {
          const data = Buffer.from(await value.arrayBuffer());
          files.push({ field, filename: value.name, contentType: value.type || 'application/octet-stream', size: data.length, data });
        }
      }
      if (body === undefined && Object.keys(extra).length > 0) body = extra;
      else if (isRecord(body) && Object.keys(extra).length > 0) body = { ...extra, ...body };
      return { body, files };
    }
    return { body: raw.toString('utf8'), files: [] };
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const incoming: IncomingRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      route: path.replace(/^\/api\/v\d+/, '') || '/',
      rawPath: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      body: undefined,
      files: [],
      rawBody,
      at: Date.now(),
    };

    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

    let result: RouteResult;
    let injected = false;
    const parsed = await parseBody(headers['content-type'] ?? '', rawBody);
    if ('status' in parsed) {
      result = parsed;
    } else {
      incoming.body = parsed.body;
      incoming.files = parsed.files;
      const rule = failRules.find((r) => r.remaining > 0 && matches(r.match, incoming));
      if (rule) {
        rule.remaining -= 1;
        injected = true;
        result = injectedResult(rule);
      } else {
        try {
          result = route(incoming);
        } catch (err) {
          result = { status: 500, body: { message: `fakeDiscord internal error: ${String(err)}`, code: 0 } };
        }
      }
    }
    for (let i = failRules.length - 1; i >= 0; i -= 1) if (failRules[i]!.remaining <= 0) failRules.splice(i, 1);

    const record: RecordedRequest = { ...incoming, status: result.status, response: result.body, injected };
    requests.push(record);
    log(record.method, record.path, '→', record.status);
    notify(requestWaiters, record);

    const payload = result.body === undefined || result.status === 204 ? '' : JSON.stringify(result.body);
    res.statusCode = result.status;
    if (payload) res.setHeader('content-type', 'application/json');
    res.setHeader('content-length', Buffer.byteLength(payload));
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.end(payload);
  }

  function injectedResult(rule: FailRule): RouteResult {
    if (rule.status === 429) {
      const body = rule.body ?? { message: 'You are being rate limited.', retry_after: 0.05, global: false };
      const retryAfter = isRecord(body) && typeof body.retry_after === 'number' ? body.retry_after : 0.05;
      const global = isRecord(body) && body.global === true;
      return {
        status: 429,
        body,
        headers: {
          'retry-after': String(retryAfter),
          'x-ratelimit-scope': global ? 'global' : 'user',
          ...(global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      };
    }
    if (rule.body !== undefined) return { status: rule.status, body: rule.body };
    const text = http.STATUS_CODES[rule.status] ?? 'Error';
    return { status: rule.status, body: { message: `${rule.status}: ${text}`, code: 0 } };
  }

  // ----- start ---------------------------------------------------------------------------------------------------

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ message: `fakeDiscord internal error: ${String(err)}`, code: 0 }));
      } else {
        res.destroy();
      }
    });
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const conn: GatewayConnection = {
      index: stats.connections,
      ws,
      session: null,
      deflate: url.searchParams.get('compress') === 'zlib-stream' ? zlib.createDeflate({ chunkSize: 65535 }) : null,
      sendChain: Promise.resolve(),
    };
    stats.connections += 1;
    connections.add(conn);
    log('gateway connection', conn.index, req.url);
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      onGatewayMessage(conn, text);
    });
    ws.on('close', () => {
      connections.delete(conn);
      conn.deflate?.close();
      if (conn.session && conn.session.conn === conn) conn.session.conn = null;
    });
    ws.on('error', () => {
      /* a client going away abruptly is fine */
    });
    gatewaySend(conn, { op: 10, d: { heartbeat_interval: heartbeatInterval, _trace: ['["fake-discord-gateway",{"micros":0}]'] }, s: null, t: null });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  // ----- public API ----------------------------------------------------------------------------------------------

  const withApp = <T extends InteractionBaseOptions>(o: T): T => ({ applicationId: appId, ...o });

  function requireSession(): GatewaySession {
    if (!currentSession) throw new Error('fakeDiscord: no gateway session yet — has the client logged in?');
    return currentSession;
  }

  /** The session a server's events go to: its shard's (a DM's, shard 0's). */
  function sessionFor(guildId: unknown): GatewaySession {
    const session = requireSession();
    const count = session.shard[1];
    if (count === 1) return session;
    const shard = typeof guildId === 'string' ? shardOf(guildId, count) : 0;
    const target = shardSessions.get(shard);
    if (!target) throw new Error(`fakeDiscord: shard ${shard} of ${count} has no session`);
    return target;
  }

  /** Starts keeping an interaction's state (callbacks, its reply and follow-ups) and fills in its id and token. */
  function track(p: Record<string, unknown>): InteractionState {
    const id = typeof p.id === 'string' ? p.id : snowflake();
    const token = typeof p.token === 'string' ? p.token : interactionToken();
    const full: Record<string, unknown> = { ...p, id, token, application_id: p.application_id ?? appId };
    const state: InteractionState = {
      id,
      token,
      type: (typeof full.type === 'number' ? full.type : 0) as InteractionType,
      payload: full,
      sentAt: Date.now(),
      acknowledged: false,
      loading: false,
      deferredFlags: 0,
      followups: new Map(),
    };
    interactionsById.set(id, state);
    interactionsByToken.set(token, state);
    return state;
  }

  const fake: FakeDiscord = {
    baseUrl,
    apiUrl: `${baseUrl}/api`,
    gatewayUrl,
    appId,
    botToken,
    botUser,
    requests,
    gatewayLog,
    commands,
    dmChannels,
    stats,

    publicKeyHex,
    channelMessages(channelId) {
      return requests
        .filter((r) => r.method === 'POST' && r.status >= 200 && r.status < 300 && r.route === `/channels/${channelId}/messages`)
        .map((r) => (isRecord(r.body) ? r.body : {}));
    },

    sendInteraction(payload) {
      const p = payload as Record<string, unknown>;
      const session = sessionFor(p.guild_id);
      const state = track(p);
      dispatchOn(session, 'INTERACTION_CREATE', state.payload);
      return { id: state.id, token: state.token };
    },

    async postInteraction(endpoint, payload, options = {}) {
      const state = track(payload as Record<string, unknown>);
      const signed = JSON.stringify(state.payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + signed), keys.privateKey).toString('hex');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const given = options.headers ?? { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
      for (const [name, value] of Object.entries(given)) if (value !== undefined) headers[name.toLowerCase()] = value;
      const sent = { id: state.id, token: state.token };
      const response = await postJson(endpoint, headers, options.tamper ? options.tamper(signed) : signed, options.ca, opts.callbackDeadlineMs);
      if (!response) return { ...sent, status: 0, body: undefined, accepted: false };
      const text = response.text;
      let body: unknown;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      let accepted = false;
      if (response.status === 200 && isRecord(body) && !state.acknowledged) {
        const result = acknowledge(state, { body, files: [], query: {} });
        accepted = result.status >= 200 && result.status < 300;
        log('http interaction', state.id, '→', response.status, accepted ? 'accepted' : `refused: ${JSON.stringify(result.body)}`);
      }
      return { ...sent, status: response.status, body, accepted };
    },

    dispatch(t, d) {
      return dispatchOn(sessionFor(isRecord(d) ? d.guild_id : undefined), t, d);
    },

    chatInput: (o) => chatInput(withApp(o)),
    messageCommand: (o) => messageCommand(withApp(o)),
    autocomplete: (o) => autocomplete(withApp(o)),
    modalSubmit: (o) => modalSubmit(withApp(o)),
    button: (o) => button(withApp(o)),
    stringSelect: (o) => stringSelect(withApp(o)),

    waitFor(predicate, timeoutMs = 2000) {
      return addWaiter(requestWaiters, requests, predicate, timeoutMs, () => `a matching request${seenRoutes()}`);
    },

    waitForGateway(predicate, timeoutMs = 2000) {
      return addWaiter(gatewayWaiters, gatewayLog, predicate, timeoutMs, () => 'a matching gateway frame');
    },

    callbacksFor(interactionId) {
      return requests.filter((r) => isCallback(r, interactionId)).map((r) => r.body as InteractionCallbackBody);
    },

    async waitForCallback(interactionId, timeoutMs = 2000) {
      const r = await addWaiter(
        requestWaiters,
        requests,
        (req) => isCallback(req, interactionId),
        timeoutMs,
        () => `a callback for interaction ${interactionId}${seenRoutes()}`,
      );
      return r.body as InteractionCallbackBody;
    },

    editsFor(token, messageId = '@original') {
      return requests.filter((r) => isEdit(r, token, messageId)).map((r) => (isRecord(r.body) ? r.body : {}));
    },

    async waitForEdit(token, timeoutMs = 2000, messageId = '@original') {
      const r = await addWaiter(
        requestWaiters,
        requests,
        (req) => isEdit(req, token, messageId),
        timeoutMs,
        () => `an edit of ${messageId} for token ${token.slice(0, 12)}…${seenRoutes()}`,
      );
      return isRecord(r.body) ? r.body : {};
    },

    followupsFor(token) {
      return requests.filter((r) => isFollowup(r, token)).map((r) => (isRecord(r.body) ? r.body : {}));
    },

    async waitForFollowup(token, timeoutMs = 2000) {
      const r = await addWaiter(
        requestWaiters,
        requests,
        (req) => isFollowup(req, token),
        timeoutMs,
        () => `a followup for token ${token.slice(0, 12)}…${seenRoutes()}`,
      );
      return isRecord(r.body) ? r.body : {};
    },

    originalMessage(token) {
      const m = interactionsByToken.get(token)?.original;
      return m ? clone(m) : undefined;
    },

    failNext(n, status, body, match) {
      if (n > 0) failRules.push({ remaining: n, status, body, match });
    },

    setDelay(ms) {
      delayMs = Math.max(0, ms);
    },

    async closeGateway(code = 4000, reason = 'fakeDiscord closeGateway') {
      const open = [...connections].filter((c) => c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING);
      await Promise.all(
        open.map(
          (c) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                c.ws.terminate();
                resolve();
              }, 1000);
              c.ws.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              if (c.session && c.session.conn === c) c.session.conn = null;
              c.ws.close(code, reason);
            }),
        ),
      );
    },

    invalidateSession(resumable = false) {
      const conn = currentSession?.conn;
      if (!conn) throw new Error('fakeDiscord: no connected gateway session');
      if (!resumable && currentSession) sessions.delete(currentSession.id);
      gatewaySend(conn, { op: 9, d: resumable, s: null, t: null });
    },

    requestReconnect() {
      const conn = currentSession?.conn;
      if (!conn) throw new Error('fakeDiscord: no connected gateway session');
      gatewaySend(conn, { op: 7, d: null, s: null, t: null });
    },

    forget(interactionId) {
      const state = interactionsById.get(interactionId);
      if (!state) return;
      interactionsById.delete(interactionId);
      interactionsByToken.delete(state.token);
      for (const { events } of shardSessions.values()) {
        const index = events.findIndex((e) => e.t === 'INTERACTION_CREATE' && isRecord(e.d) && e.d.id === interactionId);
        if (index >= 0) events.splice(index, 1);
      }
    },

    reset() {
      requests.length = 0;
      gatewayLog.length = 0;
      failRules.length = 0;
      delayMs = 0;
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      const err = new Error('fakeDiscord: stopped');
      for (const w of [...requestWaiters]) w.reject(err);
      for (const w of [...gatewayWaiters]) w.reject(err);
      for (const conn of connections) {
        conn.ws.terminate();
        conn.deflate?.close();
      }
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function isCallback(r: RecordedRequest, interactionId: string): boolean {
    return (
      r.method === 'POST' &&
      r.status >= 200 &&
      r.status < 300 &&
      r.route.startsWith(`/interactions/${interactionId}/`) &&
      r.route.endsWith('/callback')
    );
  }

  function isEdit(r: RecordedRequest, token: string, messageId: string): boolean {
    if (r.method !== 'PATCH' || r.status < 200 || r.status >= 300) return false;
    if (r.route === `/webhooks/${appId}/${token}/messages/${messageId}`) return true;
    // `@original` may also be addressed by its id
    const original = interactionsByToken.get(token)?.original;
    return messageId === '@original' && original !== undefined && r.route === `/webhooks/${appId}/${token}/messages/${original.id}`;
  }

  function isFollowup(r: RecordedRequest, token: string): boolean {
    return r.method === 'POST' && r.status >= 200 && r.status < 300 && r.route === `/webhooks/${appId}/${token}`;
  }

  return fake;
}
