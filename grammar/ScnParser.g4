// The structure of a .scn scenario file (docs: language.md, README "Language reference").
// Every alternative a visitor switches on is labelled; no actions: meaning lives in
// dev.scn.lang.ModelBuilder, messages in dev.scn.lang.SyntaxErrors.
parser grammar ScnParser;

options { tokenVocab = ScnLexer; }

file : scenario* EOF ;

scenario : SCENARIO name=ID LBRACE scenarioItem* RBRACE ;

scenarioItem
    : TITLE texts          # titleItem
    | SUMMARY texts        # summaryItem
    | NOTE texts           # noteItem
    | SEED INT             # seedItem
    | RUN duration         # runItem
    | START DATE TIME_OF_DAY? # startItem
    | hostBlock            # hostBlockItem
    | linkDecl             # linkItem
    | pathRule             # pathRuleItem
    | timelineLine         # timelineItem
    | traffic              # trafficItem
    | variant              # variantBlockItem
    ;

texts : langText+ ;

langText
    : EN text              # enText
    | ZH text              # zhText
    ;

text
    : STRING                     # plainText
    | TRIPLE_STRING              # tripleText
    | UNTERMINATED_STRING        # unterminatedText
    | UNTERMINATED_TRIPLE_STRING # unterminatedTripleText
    ;

// ---- hosts -------------------------------------------------------------------------------
hostBlock : HOST name=ID LBRACE hostSetting* RBRACE ;

hostSetting
    : OS FREEBSD version                  # osSetting
    | IP IPV4 (COMMA? IPV4)*              # ipSetting
    | INTERFACE ID                        # interfaceSetting
    | sysctlCommand                       # sysctlSetting
    | ipfwCommand                         # ipfwSetting
    | STRAY strayMode                     # straySetting
    | LISTEN port=INT app?                # listenSetting
    ;

strayMode : RST | DROP ;

version : DECIMAL | INT | VERSION_X | IPV4 ;

sysctlCommand : SYSCTL SYSCTL_NAME SYSCTL_EQ sysctlValue ;

sysctlValue : SYSCTL_NUMBER | SYSCTL_NAME | SYSCTL_WORD ;

ipfwCommand : IPFW IPFW_WORD+ ;

app : HTTP LBRACE httpSetting* RBRACE ;

httpSetting
    : REQUEST size             # httpRequest
    | RESPONSE size            # httpResponse
    | THEN ending              # httpThen
    ;

ending
    : CLOSE                    # closeEnding
    | SHUTDOWN                 # shutdownEnding
    | LINGER duration          # lingerEnding
    | WAIT_FOR_CLIENT          # waitForClientEnding
    ;

// ---- topology ----------------------------------------------------------------------------
linkDecl : LINK a=ID b=ID linkOption* ;

linkOption
    : DELAY duration       # delayOption
    | JITTER duration      # jitterOption
    | LOSS percent         # lossOption
    | MTU INT              # mtuOption
    ;

pathRule
    : DROP ON from=ID ARROW to=ID TCP FLAGS tcpFlags (COUNT INT)?   # dropRule
    | BLACKHOLE from=ID ARROW to=ID                                  # blackholeRule
    ;

// tcpdump letters: S, S., ., P., F., R, R., FP. ...
// tcpdump prints flags in brackets ([S.], [F.]); language.md writes them so in inject lines.
// The brackets are optional everywhere, and one pair at most: a rule that invoked itself for
// each '[' overflowed the parser's stack on thousands of them (issue 9), so no rule recurses
// (ParserLimitsTest checks the whole grammar).
tcpFlags
    : LBRACK flagLetters RBRACK    # bracketedFlags
    | flagLetters                  # bareFlags
    ;

flagLetters
    : ID DOT?              # lettersFlags
    | DOT                  # ackOnlyFlags
    ;

// ---- timeline ----------------------------------------------------------------------------
// `within` and `always` qualify expectations only; the builder says so for other actions.
// `replace` marks a variant's expectation that replaces the base's ones on its subject.
// A bare `expect` is for an instant (`expect c1 on server leaves FIN_WAIT_2 at 675.36s`), watched
// from the start; the builder asks for `at T` on any other expectation.
timelineLine
    : timing qualifier? REPLACE? action     # timedLine
    | qualifier REPLACE? action             # untimedLine
    | REPLACE? EXPECT expectation           # bareExpectLine
    ;

timing
    : AT PLUS? duration                                    # atTiming
    | EVERY period=duration (FROM from=duration)? (UNTIL until=duration)?   # everyTiming
    ;

qualifier
    : WITHIN duration          # withinQualifier
    | ALWAYS                   # alwaysQualifier
    ;

action
    : host=ID CONNECT target=ID COLON port=INT AS conn=ID    # connectAction
    | conn=ID SEND size                                      # sendAction
    | conn=ID RECV                                           # recvAction
    | conn=ID SHUTDOWN                                       # shutdownAction
    | conn=ID CLOSE                                          # closeAction
    | conn=ID ABORT                                          # abortAction
    | host=ID FORGET conn=ID                                 # forgetAction
    | host=ID hostEvent                                      # hostEventAction
    | ON host=ID sysctlCommand                               # onSysctlAction
    | ON host=ID ipfwCommand                                 # onIpfwAction
    | ON host=ID IFCONFIG ifname=ID upDown                   # ifconfigAction
    | LINK a=ID b=ID upDown                                  # linkStateAction
    | INJECT from=endpoint ARROW to=endpoint TCP tcpFlags? injectNumbers   # injectAction
    | INJECT conn=ID TO to=ID TCP tcpFlags? injectNumbers                  # injectOnAction
    | SAMPLE host=ID                                         # sampleAction
    | SHOW host=ID showTool                                  # showAction
    | EXPECT expectation                                     # expectAction
    ;

hostEvent : CRASH | REBOOT | DOWN | UP ;

upDown : UP | DOWN ;

showTool
    : NETSTAT pattern?         # showNetstat
    | IPFW IPFW_WORD*          # showIpfw
    | SYSCTL SYSCTL_NAME?      # showSysctl
    ;

endpoint : (ID | IPV4) (COLON INT)? ;

injectNumbers : SEQ seq=seqValue ACK ack=seqValue (WIN win=INT)? (LEN len=INT)? ;

// An absolute number, or one of the receiving end's variables: `rcv_nxt`, `rcv_nxt+100`,
// `snd_una - 1` (`snd_una-1` is one name to the lexer; the builder splits it).
seqValue
    : INT                                  # absoluteSeq
    | ID ((PLUS | MINUS) offset=INT)?      # relativeSeq
    ;

pattern : ID | INT | STRING ;

// ---- expectations ------------------------------------------------------------------------
expectation
    : subject compareOp number (FIRST AT instant)?        # compareExpectation
    | conn=ID ON host=ID IS state=ID                      # stateExpectation
    | conn=ID ON host=ID EXISTS (compareOp number)?       # existsExpectation
    | conn=ID ON host=ID edge=(ENTERS | LEAVES) state=ID AT instant   # transitionExpectation
    ;

// When something happened: `675.36s`, `675.36s ± 1s`, `675.36s +- 1s`.
instant : duration (PLUSMINUS tolerance=duration)? ;

subject
    : host=ID NETSTAT state=ID                                          # netstatSubject
    | host=ID IPFW_DYNAMIC                                              # ipfwDynamicSubject
    | host=ID PACKETS packetKind (way=(TO | FROM) peer=peerName)?       # packetsSubject
    | host=ID SYSCTL SYSCTL_NAME                                        # sysctlSubject
    | host=ID LOG STRING?                                               # logSubject
    ;

peerName : ID | IPV4 ;

packetKind : KEEPALIVE | RST | FIN | SYN | SENT ;

compareOp : EQ | NE | LT | LE | GT | GE ;

number : INT ;

// ---- traffic -----------------------------------------------------------------------------
traffic
    : TRAFFIC name=ID FROM network TO host=ID COLON port=INT
      RATE RATE_PER_SECOND DURING begin=duration DOTDOT finish=duration
      LBRACE trafficSetting* RBRACE
    ;

network : CIDR | IPV4 ;

trafficSetting
    : REQUEST size             # trafficRequest
    | RESPONSE size            # trafficResponse
    | percent behaviour        # trafficShare
    ;

behaviour
    : NORMAL                   # normalBehaviour
    | VANISH                   # vanishBehaviour
    | RESET                    # resetBehaviour
    | LOSE_FIN                 # loseFinBehaviour
    | SLOW_CLOSE duration      # slowCloseBehaviour
    | IDLE duration            # idleBehaviour
    | SYN_ONLY                 # synOnlyBehaviour
    ;

// ---- variants ----------------------------------------------------------------------------
variant : VARIANT text LBRACE variantItem* RBRACE ;

variantItem
    : hostBlock                    # variantHost
    | ON host=ID sysctlCommand     # variantSysctl
    | ON host=ID ipfwCommand       # variantIpfw
    | timelineLine                 # variantTimeline
    | linkDecl                     # variantLink
    | NO? pathRule                 # variantPathRule
    ;

// ---- values ------------------------------------------------------------------------------
// A bare INT is accepted so that `at 0` reads naturally; the builder rejects other unit-less
// durations. NUM_M (`5m`) is minutes here and MiB in `size`.
duration : DURATION | NUM_M | INT ;

size : INT | SIZE | NUM_M ;

percent : (INT | DECIMAL) PERCENT ;
