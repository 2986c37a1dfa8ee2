// The matcher's vocabulary knowledge: which words and phrases name the same thing, and which words carry no meaning
// in a question. This is data, not code: extend it when moderators' claims bring new entities.
import { eng as englishStopWords } from 'stopword';

export interface Concept {
  /** The single term every alias folds into. */
  term: string;
  /** Words or phrases (as they read after normalization) that mean this concept. */
  aliases: string[];
  /** Broader concepts a mention also counts towards, with partial credit (Putin → Russia). */
  broader?: string[];
  /** A country, organisation or person: who did what is the core of a claim, so these weigh more. */
  actor?: boolean;
  /** A question naming this concept is only answered by a claim that has it too ("how many" needs a figure). */
  required?: boolean;
}

/** The term every number of two or more digits also stands for, so "how many" finds claims that give a figure. */
export const QUANTITY = 'quantity';

export const CONCEPTS: Concept[] = [
  // Entities and their aliases.
  // "Korea" alone may be either; North and South are never each other (no broader term joins them).
  { term: 'korea', broader: ['northkorea', 'southkorea'], aliases: ['korea', 'korean', 'koreans', 'koreas'] },
  { term: 'northkorea', actor: true, aliases: ['north', 'korea north', 'northern korea', 'north korea', 'north korean', 'north koreans', 'n korea', 'n korean', 'nkorea', 'northkorea', 'nk', 'dprk', 'd p r k', 'pyongyang', 'the north', 'democratic people republic of korea', 'kim regime', 'hermit kingdom', 'the regime', 'isolated regime'] },
  { term: 'southkorea', actor: true, aliases: ['south', 'korea south', 'southern korea', 'south korea', 'south korean', 'south koreans', 's korea', 's korean', 'skorea', 'southkorea', 'sk', 'rok', 'r o k', 'seoul', 'the south', 'republic of korea'] },
  { term: 'russia', actor: true, aliases: ['ru', 'rus', 'russia', 'russian', 'russians', 'moscow', 'kremlin', 'the kremlin', 'russian federation', 'rf'] },
  { term: 'ukraine', actor: true, aliases: ['ukraine', 'ukrainian', 'ukrainians', 'kyiv', 'kiev', 'kursk'] },
  { term: 'unitedstates', actor: true, aliases: ['united states', 'u s', 'usa', 'u s a', 'america', 'american', 'americans', 'washington', 'the us'] },
  { term: 'un', actor: true, aliases: ['un', 'u n', 'united nations', 'security council', 'un security council', 'unsc'] },
  { term: 'putin', actor: true, aliases: ['putin', 'vladimir putin', 'russian president', 'president putin'], broader: ['russia'] },
  { term: 'kim', actor: true, aliases: ['kim', 'kim jong un', 'kim jong-un', 'kim jongun', 'jong un', 'north korean leader', 'supreme leader'], broader: ['northkorea'] },
  { term: 'shinwonsik', actor: true, aliases: ['shin', 'shin wonsik', 'shin won sik', 'wonsik', 'national security adviser', 'national security advisor', 'security adviser', 'security advisor'], broader: ['southkorea'] },
  { term: 'koreanpeninsula', aliases: ['korean peninsula', 'peninsula', 'inter korean'] },
  // Military.
  { term: 'defence', aliases: ['defence', 'defense', 'defences', 'defenses', 'defend', 'defends', 'defended', 'defending', 'defensive', 'protect', 'protects', 'protected', 'protecting', 'protection', 'shield'] },
  { term: 'airdefence', broader: ['defence'], aliases: ['air defend', 'air defending', 'air protection', 'air defence', 'air defense', 'air defences', 'air defenses', 'airdefence', 'airdefense', 'anti aircraft', 'antiaircraft', 'anti air', 'surface to air', 'sam', 'sams', 's 400', 's400', 'missile defence', 'missile defense', 'airspace'] },
  { term: 'troops', aliases: ['troops', 'troop', 'soldiers', 'soldier', 'army', 'armies', 'military personnel', 'personnel', 'servicemen', 'fighters', 'forces', 'mercenaries', 'boots on the ground', 'infantry', 'men', 'manpower', 'recruits', 'conscripts'] },
  { term: 'weapons', aliases: ['weapons', 'weapon', 'weaponry', 'arms', 'armaments', 'arming', 'armed', 'arm', 'munitions', 'military hardware', 'military aid', 'military supplies'] },
  { term: 'missile', aliases: ['missile', 'missiles', 'missle', 'missles'] },
  { term: 'frontline', aliases: ['front line', 'front lines', 'frontline', 'frontlines', 'the front', 'battlefield'] },
  { term: 'fight', broader: ['troops'], aliases: ['fight', 'fights', 'fighting', 'fought', 'combat', 'battle', 'battles', 'alongside', 'war effort'] },
  { term: 'deploy', aliases: ['deploy', 'deployed', 'deployment', 'deploying', 'stationed'] },
  { term: 'retaliation', aliases: ['retaliation', 'retaliate', 'retaliatory', 'retaliating', 'revenge', 'strike back', 'hit back', 'military response', 'respond militarily', 'counterattack'] },
  { term: 'threat', aliases: ['threat', 'threats', 'threaten', 'threatened', 'threatening', 'warn', 'warned', 'warning', 'warnings', 'menace'] },
  { term: 'nuclear', aliases: ['nuclear', 'nuke', 'nukes', 'atomic', 'nuclear weapons'] },
  // Space.
  { term: 'satellite', aliases: ['satellite', 'satellites', 'sat', 'sats'] },
  { term: 'spy', aliases: ['spy', 'spying', 'reconnaissance', 'recon', 'surveillance', 'observation', 'intelligence', 'military satellite'] },
  { term: 'space', aliases: ['space', 'space agency', 'orbit', 'orbital', 'outer space'] },
  { term: 'failure', aliases: ['fail', 'failed', 'fails', 'failing', 'failure', 'failures', 'unsuccessful', 'flop', 'flopped', 'botched', 'crash', 'crashed', 'explode', 'exploded', 'exploding', 'explosion', 'blew up', 'blow up', 'blown up', 'blows up', 'went wrong', 'go wrong', 'unfavorably', 'unfavourably', 'fiasco', 'misfire'] },
  { term: 'doubt', aliases: ['doubt', 'doubts', 'doubted', 'doubtful', 'skeptic', 'skeptics', 'skeptical', 'sceptical', 'skepticism', 'scepticism', 'questioned', 'questionable', 'dubious', 'useless', 'functional', 'operational'] },
  { term: 'launch', aliases: ['launch', 'launches', 'launched', 'launching', 'liftoff', 'lift off', 'put up', 'put into orbit', 'sent up', 'sent into orbit', 'blast off', 'blasted off'] },
  { term: 'date', aliases: ['month', 'months', 'date', 'dates', 'day', 'days', 'week', 'weeks', 'november', 'march', 'last year', 'this year', 'this week', 'earlier this week', 'timeline'] },
  { term: 'later', aliases: ['later', 'subsequent', 'second', 'next', 'follow up', 'followup', 'another', 'latest', 'most recent', '2nd'] },
  { term: 'first', aliases: ['first', '1st', 'maiden', 'initial', 'debut', 'earliest', 'inaugural'] },
  // Exchange and economy.
  { term: 'exchange', aliases: ['quid pro quo', 'quid', 'quid pro', 'pro quo', 'tit for tat', 'exchange', 'exchanged', 'in exchange', 'in return', 'return for', 'trade off', 'tradeoff', 'swap', 'swapped', 'deal', 'bargain', 'arrangement', 'reward', 'what does russia get', 'barter', 'get for', 'gets for', 'getting for', 'got for', 'receive for', 'receiving for', 'in payment for', 'repay', 'repaid'] },
  // A question asking for a figure is answered by a claim that gives one (the analyzer adds this term to numbers).
  { term: QUANTITY, required: true, aliases: ['how many', 'how much', 'number of', 'amount of', 'how big', 'how large', 'figure', 'figures', 'estimate', 'estimates', 'count', 'volume', 'scale', 'size of'] },
  { term: 'payment', aliases: ['payment', 'payments', 'pay', 'paid', 'paying', 'compensation', 'compensatory', 'compensate', 'compensated', 'compensating'], broader: ['exchange'] },
  { term: 'economy', aliases: ['economy', 'economic', 'economics', 'economically', 'economies', 'commerce', 'commercial', 'business', 'investment'] },
  { term: 'trade', aliases: ['trade', 'trades', 'trading', 'traded'], broader: ['economy', 'exchange'] },
  { term: 'ties', aliases: ['ties', 'relations', 'relationship', 'relationships', 'partnership', 'partnerships', 'alliance', 'alliances', 'agreement', 'agreements', 'accord', 'accords', 'pact', 'treaty', 'treaties'] },
  { term: 'guarantee', aliases: ['guarantee', 'guarantees', 'guaranteed', 'promise', 'promises', 'promised', 'pledge', 'pledges', 'pledged', 'assurance', 'assurances', 'commitment', 'commitments', 'vow', 'vowed'] },
  { term: 'talks', aliases: ['talks', 'summit', 'meeting', 'meetings', 'met', 'meet', 'negotiations', 'dialogue'] },
  { term: 'technology', aliases: ['technology', 'technologies', 'tech', 'technological', 'know how', 'knowhow', 'expertise', 'secrets', 'blueprints'] },
  { term: 'transfer', aliases: ['transfer', 'transfers', 'transferred', 'transferring', 'share', 'shared', 'sharing', 'pass', 'passed', 'passing', 'hand over', 'handed over', 'leak'] },
  { term: 'help', aliases: ['help', 'helped', 'helping', 'helps', 'assist', 'assistance', 'assisted', 'assisting', 'aid', 'aided', 'aiding', 'support', 'supported', 'supporting', 'backing', 'cooperation', 'collaboration', 'cooperate', 'collaborate',
    'prop up', 'props up', 'propping up', 'propped up', 'bolster', 'bolsters', 'bolstering', 'boost', 'boosting', 'bail out', 'bailing out', 'lifeline'] },
  { term: 'develop', aliases: ['develop', 'develops', 'developed', 'developing', 'development', 'build', 'builds', 'building', 'built', 'construct', 'constructing'] },
  { term: 'response', aliases: ['respond', 'responds', 'responded', 'responding', 'response', 'responses', 'react', 'reacts', 'reacted', 'reacting', 'reaction', 'reactions'] },
  { term: 'give', aliases: ['give', 'gave', 'given', 'giving', 'gives', 'supply', 'supplied', 'supplies', 'supplying', 'supplier', 'provide', 'provided', 'provides', 'providing', 'send', 'sent', 'sending', 'sends', 'deliver', 'delivered', 'delivering', 'deliveries', 'delivery', 'hand', 'handing', 'handed', 'hands', 'ship', 'shipped', 'shipping', 'shipment', 'shipments', 'sell', 'sold', 'selling', 'sale', 'sales', 'receive', 'received', 'receiving', 'get', 'got', 'getting', 'gets', 'flow', 'flowing', 'reach', 'reached', 'reaching',
    'arrive', 'arrived', 'arriving', 'buy', 'buys', 'bought', 'buying', 'purchase', 'purchased', 'purchases', 'import', 'imports', 'imported', 'importing',
    'export', 'exports', 'exported', 'exporting', 'transport', 'transported', 'move', 'moved', 'moving'] },
  // Oil.
  { term: 'oil', aliases: ['oil', 'crude', 'crude oil', 'petroleum', 'fuel', 'fuels', 'diesel', 'gasoline', 'petrol', 'refined products', 'refined petroleum', 'refined', 'refined oil'] },
  { term: 'barrel', aliases: ['barrel', 'barrels', 'bbl', 'bbls'] },
  { term: 'cap', aliases: ['cap', 'caps', 'capped', 'limit', 'limits', 'limited', 'ceiling', 'quota', 'maximum', 'max', 'allowed', 'allowance', 'allow', 'permitted', 'restriction', 'restrictions', 'threshold', 'impose', 'imposed', 'imposes', 'legally', 'legal'] },
  { term: 'sanctions', aliases: ['sanctions', 'sanction', 'sanctioned', 'embargo', 'embargoes', 'prohibition', 'ban', 'banned', 'prohibiting', 'prohibited', 'rule', 'rules', 'regulation', 'regulations', 'resolution', 'resolutions'] },
  { term: 'violate', aliases: ['violate', 'violates', 'violated', 'violation', 'violations', 'breach', 'breaches', 'breached', 'breaking', 'break', 'broke', 'exceed', 'exceeds', 'exceeded', 'exceeding', 'evade', 'evading', 'evasion', 'go over', 'goes over', 'went over', 'going over', 'gone over', 'above', 'beyond', 'surpass', 'surpassed', 'surpasses', 'over the limit', 'illicit', 'illegal', 'illegally', 'smuggling', 'smuggle', 'smuggled'] },
  { term: 'year', aliases: ['year', 'years', 'annual', 'annually', 'yearly', 'per year', 'a year', 'per annum'] },
  { term: 'tanker', aliases: ['tanker', 'tankers', 'ships', 'vessel', 'vessels', 'boat', 'boats', 'freighter', 'freighters', 'fleet', 'oil tanker', 'oil tankers'] },
  { term: 'trip', aliases: ['trip', 'trips', 'voyage', 'voyages', 'journey', 'journeys', 'crossings', 'round trips', 'port calls', 'runs', 'how many times', 'back and forth', 'shuttle', 'shuttled', 'shuttling'] },
  { term: 'port', aliases: ['port', 'ports', 'harbour', 'harbor', 'harbours', 'harbors', 'vostochny', 'terminal'] },
  { term: 'imagery', aliases: ['imagery', 'satellite imagery', 'satellite images', 'satellite photos', 'satellite pictures', 'images', 'photos', 'pictures', 'photographs', 'pics', 'satellite pics', 'sat images', 'imaging'] },
  { term: 'show', aliases: ['show', 'shows', 'showed', 'shown', 'showing', 'reveal', 'reveals', 'revealed', 'unveiled', 'unveil', 'indicate', 'indicates', 'indicated', 'document', 'documented'] },
  // Inter-Korean tension.
  { term: 'leaflet', aliases: ['leaflet', 'leaflets', 'flyer', 'flyers', 'flier', 'fliers', 'pamphlet', 'pamphlets', 'propaganda'] },
  { term: 'drone', aliases: ['drone', 'drones', 'uav', 'uavs', 'unmanned'] },
  { term: 'accuse', aliases: ['accuse', 'accused', 'accuses', 'accusing', 'accusation', 'accusations', 'blame', 'blamed', 'blames', 'blaming', 'complain', 'complains', 'complained', 'complaining', 'complaint', 'complaints', 'protest', 'protested', 'condemn', 'condemned', 'mad', 'angry', 'anger', 'furious', 'outrage', 'outraged'] },
];

/**
 * Words that carry no meaning in a question: English stop words, question words, and the filler people type around
 * a question ("is it true that", "anyone know"). Words that do matter here are kept out of it (first, over, since...).
 */
const KEEP = new Set(['first', 'since']);
const FILLER = [
  'does', 'do', 'doe', 'did', 'done', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'having',
  'will', 'would', 'shall', 'can', 'could', 'should', 'may', 'might', 'must', 'what', 'whats', 'who', 'whom', 'whose',
  'why', 'when', 'which', 'where', 'how', 'whether', 'hows', 'wheres', 'whos', 'isnt', 'arent', 'wasnt', 'didnt', 'doesnt', 'dont', 'hasnt', 'havent',
  'really', 'actually', 'true', 'truth', 'false', 'fact', 'facts', 'factcheck', 'check', 'verify', 'verified', 'claim', 'claims',
  'claimed', 'claiming', 'allege', 'alleged', 'alleges', 'allegedly', 'allegation', 'allegations', 'reportedly', 'report', 'reports',
  'reported', 'reporting', 'say', 'says', 'said', 'saying', 'tell', 'told', 'know', 'knows', 'known', 'heard', 'hear', 'hearing',
  'think', 'thinks', 'believe', 'believes', 'rumor', 'rumour', 'rumors', 'rumours', 'news', 'anyone', 'anybody', 'someone', 'somebody',
  'something', 'anything', 'everyone', 'people', 'please', 'pls', 'plz', 'hey', 'hi', 'hello', 'thanks', 'thank', 'thx', 'ok', 'okay',
  'yes', 'no', 'yeah', 'nope', 'lol', 'just', 'also', 'even', 'ever', 'still', 'any', 'some', 'there', 'here', 'it', 'its', 'that', 'this',
  'these', 'those', 'about', 'regarding', 're', 'info', 'information', 'details', 'detail', 'explain', 'happening', 'happen', 'happened',
  'going', 'on', 'exactly', 'much', 'many', 'number', 'amount', 'total', 'whole', 'new', 'recent', 'recently', 'currently', 'now', 'today',
  'supposedly', 'apparently', 'officially', 'confirm', 'confirmed', 'confirmation', 'accurate', 'correct', 'right', 'wrong', 'legit',
  'kind', 'sort', 'like', 'lot', 'lots', 'bunch', 'thing', 'things', 'stuff', 'way', 'able', 'let', 'want', 'wants', 'need', 'needs',
  'u', 'ur', 'im', 'ive', 'id', 'youre', 'theyre', 'thats', 'theres', 'whats', 'wat', 'wut', 'r', 'y', 'wanna', 'gonna', 'gotta',
  'mean', 'means', 'happen', 'seen', 'see', 'saw', 'look', 'looks', 'looking', 'read', 'source', 'sources', 'evidence', 'proof',
  // Who is asking and where they saw it: "my uncle says...", "saw on twitter that...".
  'my', 'mine', 'uncle', 'aunt', 'cousin', 'friend', 'friends', 'mate', 'buddy', 'dad', 'mom', 'mum', 'brother', 'sister', 'coworker',
  'colleague', 'teacher', 'guy', 'guys', 'dude', 'bro', 'folks', 'twitter', 'tweet', 'tweets', 'reddit', 'tiktok', 'youtube', 'facebook',
  'telegram', 'online', 'internet', 'post', 'posts', 'posted', 'article', 'articles', 'video', 'videos', 'headline', 'headlines', 'media',
  'keep', 'keeps', 'kept', 'keeps', 'basically', 'literally', 'seriously', 'honestly', 'totally', 'definitely', 'probably', 'maybe',
  'perhaps', 'real', 'legit', 'fake', 'bs', 'bullshit', 'nonsense', 'hoax', 'debunk', 'wondering', 'wonder', 'curious', 'question',
  'questions', 'ask', 'asking', 'asked', 'answer', 'quick', 'quickly', 'anymore', 'though', 'tho', 'etc', 'bot',
  'so', 'one', 'ones', 'smth', 'sth', 'rn', 'atm', 'rly', 'tbf', 'ngl', 'wait', 'omg', 'wow', 'hmm', 'ppl', 'actual', 'credible',
  'reliable', 'trustworthy', 'roughly', 'approximately', 'side', 'aspect', 'angle', 'theyd', 'theyll', 'theyve', 'youd', 'youll',
  'itll', 'itd', 'wed', 'hed', 'shed', 'wouldve', 'couldve', 'shouldve', 'whatll', 'wouldnt', 'couldnt', 'shouldnt', 'wont', 'cant', 'go', 'goes', 'went', 'gone', 'come', 'comes', 'came', 'take', 'takes', 'took', 'taken', 'put', 'sounds', 'sound', 'seems', 'seem', 'seemed', 'everyone', 'everybody', 'nobody', 'always', 'else', 'again', 'yet',
  'whatever', 'anyway', 'anyways', 'btw', 'imo', 'idk', 'tbh', 'afaik', 'pretty', 'quite', 'somewhat', 'rather', 'simply',
];
export const STOP_WORDS: ReadonlySet<string> = new Set([...englishStopWords, ...FILLER].filter((w) => !KEEP.has(w)));
