// The tokens of the .scn scenario language (docs: language.md, README "Language reference").
//
// Newlines are plain whitespace in the default mode: every line starts with a keyword or a
// timing, so the parser needs no separators. Two commands are lexed in their own mode because
// an operator pastes them verbatim: after `sysctl` (NAME=VALUE, sysctl.conf style) and after
// `ipfw` (the rest of the line, word by word, exactly as ipfw(8) takes it). Both modes end at
// the end of the line; a `#` comment ends them too.
//
// Keywords are reserved: they cannot name a host or a connection.
lexer grammar ScnLexer;

// ---- keywords -----------------------------------------------------------------------------
SCENARIO   : 'scenario' ;
TITLE      : 'title' ;
SUMMARY    : 'summary' ;
NOTE       : 'note' ;
EN         : 'en' ;
ZH         : 'zh' ;
SEED       : 'seed' ;
RUN        : 'run' ;
START      : 'start' ;
HOST       : 'host' ;
OS         : 'os' ;
FREEBSD    : 'freebsd' ;
IP         : 'ip' ;
INTERFACE  : 'interface' ;
STRAY      : 'stray' ;
RST        : 'rst' ;
DROP       : 'drop' ;
LISTEN     : 'listen' ;
HTTP       : 'http' ;
REQUEST    : 'request' ;
RESPONSE   : 'response' ;
THEN       : 'then' ;
CLOSE      : 'close' ;
SHUTDOWN   : 'shutdown' ;
LINGER     : 'linger' ;
WAIT_FOR_CLIENT : 'wait-for-client' ;
LINK       : 'link' ;
DELAY      : 'delay' ;
JITTER     : 'jitter' ;
LOSS       : 'loss' ;
MTU        : 'mtu' ;
ON         : 'on' ;
TCP        : 'tcp' ;
FLAGS      : 'flags' ;
COUNT      : 'count' ;
BLACKHOLE  : 'blackhole' ;
AT         : 'at' ;
EVERY      : 'every' ;
FROM       : 'from' ;
UNTIL      : 'until' ;
WITHIN     : 'within' ;
ALWAYS     : 'always' ;
CONNECT    : 'connect' ;
AS         : 'as' ;
SEND       : 'send' ;
RECV       : 'recv' ;
ABORT      : 'abort' ;
FORGET     : 'forget' ;
CRASH      : 'crash' ;
REBOOT     : 'reboot' ;
DOWN       : 'down' ;
UP         : 'up' ;
IFCONFIG   : 'ifconfig' ;
INJECT     : 'inject' ;
SEQ        : 'seq' ;
ACK        : 'ack' ;
WIN        : 'win' ;
LEN        : 'len' ;
SAMPLE     : 'sample' ;
SHOW       : 'show' ;
NETSTAT    : 'netstat' ;
EXPECT     : 'expect' ;
IS         : 'is' ;
EXISTS     : 'exists' ;
PACKETS    : 'packets' ;
KEEPALIVE  : 'keepalive' ;
FIN        : 'fin' ;
SYN        : 'syn' ;
SENT       : 'sent' ;
TRAFFIC    : 'traffic' ;
TO         : 'to' ;
RATE       : 'rate' ;
DURING     : 'during' ;
NORMAL     : 'normal' ;
VANISH     : 'vanish' ;
RESET      : 'reset' ;
LOSE_FIN   : 'lose-fin' ;
SLOW_CLOSE : 'slow-close' ;
IDLE       : 'idle' ;
SYN_ONLY   : 'syn-only' ;
VARIANT    : 'variant' ;
LOG        : 'log' ;
ENTERS     : 'enters' ;
LEAVES     : 'leaves' ;
FIRST      : 'first' ;
REPLACE    : 'replace' ;
NO         : 'no' ;

// `H ipfw dynamic` (an expectation subject) is one token, so that `ipfw` alone can switch to the
// ipfw command mode: the longer match wins.
IPFW_DYNAMIC : 'ipfw' [ \t]+ 'dynamic' ;
IPFW         : 'ipfw' -> pushMode(IPFW_MODE) ;
SYSCTL       : 'sysctl' -> pushMode(SYSCTL_MODE) ;

// ---- punctuation and operators ------------------------------------------------------------
LBRACE  : '{' ;
RBRACE  : '}' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
ARROW   : '->' ;
DOTDOT  : '..' ;
DOT     : '.' ;
COLON   : ':' ;
COMMA   : ',' ;
// `± 1s` or, on keyboards without it, `+- 1s`: the tolerance of an instant.
PLUSMINUS : '\u00B1' | '+-' ;
PLUS    : '+' ;
MINUS   : '-' ;
PERCENT : '%' ;
EQ      : '==' ;
NE      : '!=' ;
LE      : '<=' ;
GE      : '>=' ;
LT      : '<' ;
GT      : '>' ;

// ---- numbers, addresses -------------------------------------------------------------------
CIDR     : IPV4_ADDR '/' DIGITS ;
IPV4     : IPV4_ADDR ;
// `5m` is minutes or MiB: the parser decides by position (a size after request, response and
// send; a duration everywhere else). It is listed before DURATION so it wins a tie.
NUM_M    : DIGITS 'm' ;
// A part may have decimals down to the microsecond: `675.36s`, `1.5ms`, `250us`.
DURATION : (DIGITS ('.' DIGITS)? ('us' | 'ms' | 's' | 'm' | 'h' | 'd' | 'w'))+ ;
SIZE     : DIGITS [kK] ;
RATE_PER_SECOND : DIGITS ('.' DIGITS)? '/s' ;
VERSION_X : DIGITS ('.' DIGITS)* '.' [xX] ;
DECIMAL  : DIGITS '.' DIGITS ;
INT      : DIGITS ;
// `start 2005-06-01 10:00:00`: a calendar date and a time of day (UTC). Nothing else in the
// default mode has digits joined by '-' or two ':', so these take nothing from other tokens.
DATE        : DIGITS '-' DIGITS '-' DIGITS ;
TIME_OF_DAY : DIGITS ':' DIGITS ':' DIGITS ;

// ---- names and texts ----------------------------------------------------------------------
// A '-' inside a name must be followed by a letter or digit, so `client->server` is a name,
// an arrow and a name.
ID : [a-zA-Z_] ([a-zA-Z0-9_] | '-' [a-zA-Z0-9_])* ;

TRIPLE_STRING : '"""' .*? '"""' ;
STRING        : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
// Unterminated texts are tokens of their own so the parser goes on; ScenarioParser reports them.
UNTERMINATED_TRIPLE_STRING : '"""' (~'"' | '"' ~'"' | '""' ~'"')* '"'? '"'? EOF ;
UNTERMINATED_STRING        : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\r\n\u000C]+ -> skip ;
// Anything else: reported once by ScenarioParser, hidden from the parser.
UNEXPECTED_CHAR : . -> channel(HIDDEN) ;

fragment DIGITS    : [0-9]+ ;
fragment IPV4_ADDR : DIGITS '.' DIGITS '.' DIGITS '.' DIGITS ;

// ---- `sysctl NAME=VALUE`, to the end of the line ------------------------------------------
mode SYSCTL_MODE;
SYSCTL_NL      : '\r'? '\n' -> skip, popMode ;
SYSCTL_WS      : [ \t]+ -> skip ;
SYSCTL_COMMENT : '#' ~[\r\n]* -> skip ;
SYSCTL_RBRACE  : '}' -> type(RBRACE), popMode ;
// An expectation compares a sysctl (`expect h sysctl NAME >= 3`): the operator ends the mode,
// so the rest of the line (`first at 5s`) is read as usual. Longer than `=`, so it wins.
SYSCTL_CMP_EQ  : '==' -> type(EQ), popMode ;
SYSCTL_CMP_NE  : '!=' -> type(NE), popMode ;
SYSCTL_CMP_LE  : '<=' -> type(LE), popMode ;
SYSCTL_CMP_GE  : '>=' -> type(GE), popMode ;
SYSCTL_CMP_LT  : '<' -> type(LT), popMode ;
SYSCTL_CMP_GT  : '>' -> type(GT), popMode ;
SYSCTL_EQ      : '=' ;
SYSCTL_NUMBER  : '-'? [0-9]+ ;
SYSCTL_NAME    : [a-zA-Z_] [a-zA-Z0-9_.%*-]* ;
SYSCTL_WORD    : ~[ \t\r\n#=}]+ ;

// ---- `ipfw ...`: words to the end of the line ---------------------------------------------
mode IPFW_MODE;
IPFW_NL      : '\r'? '\n' -> skip, popMode ;
IPFW_WS      : [ \t]+ -> skip ;
IPFW_COMMENT : '#' ~[\r\n]* -> skip ;
IPFW_WORD    : ~[ \t\r\n#]+ ;
