package dev.scn.lang;

import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line break inside Chinese text of a {@code """…"""} literal: it is only there to keep the
 * file narrow, so it vanishes between two CJK characters; anywhere else it stays a {@code \n}
 * (which a page shows as the space English and CJK-Latin boundaries need).
 */
class TripleQuotedCjkTest {

    private static String text(String body) {
        return Literals.tripleQuoted("\"\"\"" + body + "\"\"\"");
    }

    @Test
    @DisplayName("a break between two Han characters or after full-width punctuation vanishes")
    void breakBetweenCjkCharactersVanishes() {
        assertEquals("不断刷新动态规则", text("不断刷新\n       动态规则"));
        assertEquals("客户端消失了。连接永远不会消亡", text("客户端消失了。\n   连接永远不会消亡"));
        assertEquals("规则数达到上限，新连接被拒绝", text("规则数达到上限，\n   新连接被拒绝"));
        assertEquals("「状态」仍在", text("「状态」\n   仍在"));
    }

    @Test
    @DisplayName("a break next to a Latin letter, digit or space stays a newline")
    void breakNextToLatinStays() {
        assertEquals("会关闭服务器的\nFIN_WAIT_2", text("会关闭服务器的\n   FIN_WAIT_2"));
        assertEquals("只有两端都回应时 ipfw\n才刷新", text("只有两端都回应时 ipfw\n   才刷新"));
        assertEquals("634\n秒", text("634\n  秒"));
        assertEquals("keepalives\nrefresh the rule", text("keepalives\n   refresh the rule"));
    }

    @Test
    @DisplayName("a blank line between Chinese paragraphs stays a paragraph break; Hangul keeps its break")
    void paragraphsAndHangulKeepTheirBreaks() {
        assertEquals("第一段。\n\n第二段。", text("第一段。\n\n   第二段。"));
        assertEquals("한국어\n문장", text("한국어\n  문장"));
        assertTrue(Literals.isCjk("，".codePointAt(0)) && Literals.isCjk("𠀀".codePointAt(0)), "full-width comma, CJK Ext. B");
        assertFalse(Literals.isCjk('a') || Literals.isCjk(' ') || Literals.isCjk("…".codePointAt(0)), "Latin, space, ellipsis");
    }

    @Test
    @DisplayName("in a scenario: the zh summary written over two lines reads as one sentence")
    void scenarioSummaryJoinsChineseLines() {
        Scenario s = ConstructsTest.scenario("""
                    summary en \"\"\"The client vanishes;
                                  ipfw keeps the state.\"\"\"
                            zh \"\"\"客户端不发 FIN 就消失了，ipfw 的 keepalive 不断刷新
                                  动态规则和服务器的空闲计时器。\"\"\"""");
        assertEquals("The client vanishes;\nipfw keeps the state.", s.summary().en());
        assertEquals("客户端不发 FIN 就消失了，ipfw 的 keepalive 不断刷新动态规则和服务器的空闲计时器。", s.summary().zh());
    }
}
