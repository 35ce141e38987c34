/*
 * The packetdrill script language as FreeBSD's TCP test suite writes it (scn drill).
 *
 * Follows packetdrill's own grammar (nplab/packetdrill gtests/net/packetdrill: lexer.l, parser.y):
 *   script  : options? init_command? events cleanup_command?
 *   event   : event_time action
 *   action  : packet | syscall | `command` | %{ code }%
 * It is free-form like packetdrill's (newlines are white space), restricted to TCP over IPv4 and
 * the syscall expressions the suite uses. #ifdef NAME ... #endif blocks are parsed here and
 * resolved by dev.scn.drill.script.DrillParser (packetdrill's lexer keeps a block when NAME is the
 * host's OS, case-insensitively).
 *
 * Generated into dev.scn.lang.antlr like the scenario grammar (see pom.xml).
 */
grammar Packetdrill;

script
    : option* initCommand=BACKQUOTED? item* cleanupCommand=BACKQUOTED? EOF
    ;

option
    : OPTION
    ;

item
    : event
    | ifdef
    ;

ifdef
    : IFDEF event* ENDIF
    ;

event
    : time action
    ;

// '+' time '~' '+' time and time '~' time are packetdrill's ranges; ELLIPSIS after a time belongs
// to a blocking syscall (see syscall).
time
    : STAR                                          # anyTime
    | PLUS start=number TILDE PLUS end=number       # relativeRange
    | start=number TILDE end=number                 # absoluteRange
    | PLUS at=number                                # relativeTime
    | at=number                                     # absoluteTime
    ;

number
    : FLOAT
    | INTEGER
    ;

action
    : packet
    | syscall
    | BACKQUOTED
    | CODE
    ;

// ---- packets ------------------------------------------------------------------------------

packet
    : direction ipInfo? flags seq ackPart? winPart? urgPart? tcpOptions? udpEncap?
    ;

direction
    : LT
    | GT
    ;

// (tos 0x20), (ttl 64), [noecn], [ect0], (tos 0x20, ttl 64)
ipInfo
    : LPAREN ipInfoItem (COMMA ipInfoItem)* RPAREN
    | LBRACK ipInfoItem (COMMA ipInfoItem)* RBRACK
    ;

ipInfoItem
    : TOS HEX                                       # tosItem
    | TTL INTEGER                                   # ttlItem
    | ecnName                                       # ecnItem
    | ECN ecnName                                   # ecnItem2
    ;

ecnName
    : NOECN
    | ECT0
    | ECT1
    | ECT01
    | CE
    ;

// S  S.  .  F.  SEW  SF  R.  P.  -  (WORD then an optional '.' for ACK)
flags
    : WORD DOT?
    | DOT
    | MINUS
    ;

seq
    : start=INTEGER COLON end=INTEGER LPAREN len=INTEGER RPAREN BANG?    # rangeSeq
    | ELLIPSIS LPAREN len=INTEGER RPAREN                                # anySeq
    ;

ackPart
    : ACK INTEGER
    ;

winPart
    : WIN INTEGER
    ;

urgPart
    : URG INTEGER
    ;

tcpOptions
    : LT ELLIPSIS GT                                # anyOptions
    | LT tcpOption (COMMA tcpOption)* GT            # optionList
    ;

tcpOption
    : MSS INTEGER                                   # mssOption
    | WSCALE INTEGER                                # wscaleOption
    | SACKOK                                        # sackOkOption
    | SACK sackBlock+                               # sackOption
    | TS VAL val=INTEGER ECR ecr=INTEGER            # tsOption
    | NOP                                           # nopOption
    | EOL                                           # eolOption
    | MD5 WORD                                      # md5Option
    | WORD (INTEGER | WORD | HEX)*                  # otherOption
    ;

sackBlock
    : INTEGER COLON INTEGER
    ;

udpEncap
    : SLASH UDP LPAREN src=INTEGER GT dst=INTEGER RPAREN
    ;

// ---- system calls -------------------------------------------------------------------------

syscall
    : (ELLIPSIS end=number)? name=WORD LPAREN (expr (COMMA expr)*)? RPAREN EQ result=expr errno=WORD? note?
    ;

note
    : LPAREN (~RPAREN)* RPAREN
    ;

expr
    : primary (PIPE primary)*
    ;

primary
    : ELLIPSIS                                      # ellipsisExpr
    | MINUS? INTEGER                                # intExpr
    | HEX                                           # hexExpr
    | WORD                                          # symExpr
    | STRING                                        # stringExpr
    | LBRACK (expr (COMMA expr)*)? RBRACK           # listExpr
    | LBRACE field (COMMA field)* RBRACE            # structExpr
    ;

field
    : WORD EQ expr
    ;

// ---- lexer --------------------------------------------------------------------------------

// --name or --name=value up to white space (packetdrill's option lines)
OPTION      : '--' [a-zA-Z0-9_]+ ('=' ~[ \t\r\n]*)? ;

IFDEF       : '#ifdef' [ \t]+ [a-zA-Z0-9_]+ ;
ENDIF       : '#endif' ;

// Keywords of packet lines (packetdrill's lexer has the same ones).
ACK         : 'ack' ;
WIN         : 'win' ;
URG         : 'urg' ;
MSS         : 'mss' ;
WSCALE      : 'wscale' ;
SACKOK      : 'sackOK' ;
SACK        : 'sack' ;
TS          : 'TS' ;
VAL         : 'val' ;
ECR         : 'ecr' ;
NOP         : 'nop' ;
EOL         : 'eol' ;
MD5         : 'md5' ;
UDP         : 'udp' ;
TOS         : 'tos' ;
TTL         : 'ttl' ;
ECN         : 'ecn' ;
NOECN       : 'noecn' ;
ECT01       : 'ect01' ;
ECT0        : 'ect0' ;
ECT1        : 'ect1' ;
CE          : 'ce' ;

ELLIPSIS    : '...' ;
HEX         : '0x' [0-9a-fA-F]+ ;
FLOAT       : [0-9]* '.' [0-9]+ ;
INTEGER     : [0-9]+ ;
WORD        : [a-zA-Z0-9_]+ ;
STRING      : '"' ( '\\' . | ~["\\\r\n] )* '"' ;
BACKQUOTED  : '`' ( '\\' . | ~[`\\] )* '`' ;
CODE        : '%{' .*? '}%' ;

LT          : '<' ;
GT          : '>' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACK      : '[' ;
RBRACK      : ']' ;
LBRACE      : '{' ;
RBRACE      : '}' ;
COMMA       : ',' ;
COLON       : ':' ;
BANG        : '!' ;
EQ          : '=' ;
PIPE        : '|' ;
PLUS        : '+' ;
MINUS       : '-' ;
STAR        : '*' ;
TILDE       : '~' ;
SLASH       : '/' ;
DOT         : '.' ;

LINE_COMMENT  : '//' ~[\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n]+ -> skip ;

// Unterminated forms and anything else become tokens the parser never expects; DrillParser
// reports them with their own messages before parsing.
UNTERMINATED_BACKQUOTE : '`' ( '\\' . | ~[`\\] )* EOF ;
// These two cannot contain their terminator, or they would outmatch the terminated forms.
UNTERMINATED_CODE      : '%{' ( ~[}] | '}'+ ~[}%] )* '}'* EOF ;
UNTERMINATED_COMMENT   : '/*' ( ~[*] | '*'+ ~[*/] )* '*'* EOF ;
UNTERMINATED_STRING    : '"' ( '\\' . | ~["\\\r\n] )* ;
UNEXPECTED_CHAR        : . ;
