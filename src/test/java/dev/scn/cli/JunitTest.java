package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --junit OUT} of {@code run} and {@code report}: valid against junit-10.xsd (the schema
 * Jenkins' xUnit plugin checks JUnit reports with, src/test/resources/junit/SOURCE.md), one test
 * case per expectation and run, a failure naming file:line:col, expected and actual.
 */
class JunitTest {
    private static final Path XSD = Path.of("src/test/resources/junit/junit-10.xsd");

    /**
     * The server answers one request and closes; the client never closes, so the server's side
     * stays in FIN_WAIT_2 (no FIN from the client ever comes, and no timer of 5.4 ends
     * FIN_WAIT_2 within 5 s: the shortest, tcp_maxidle, is 8 * 75 s). Line 18 therefore holds
     * (1 == 1) and line 19 fails with actual 1. The variant changes nothing the expectations see:
     * the same two outcomes, under its own name.
     */
    private static final String SCENARIO = """
            scenario junit-demo {
                seed 1
                run 10s
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80 http { request 300 response 2k then close }
                }
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                link client server delay 40ms
                at 0s client connect server:80 as c1
                variant "a <b> & \\"c\\"" {
                    host client { stray rst }
                }
                at 5s      expect server netstat FIN_WAIT_2 == 1     # held
                at 5s      expect server netstat FIN_WAIT_2 == 0
            }
            """;

    @Test
    @DisplayName("run --junit on the seed scenario: valid junit-10.xsd, one test case per expectation line printed, 0 failures")
    void seedIsValid(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        CliTest.Outcome o = CliTest.scn("run", CliTest.SEED, "--junit", xml.toString());
        assertEquals(0, o.code(), o.err());
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        long printed = o.out().lines().filter(l -> l.startsWith("  held ")).count();
        assertEquals(String.valueOf(printed), root.getAttribute("tests"));
        assertEquals("0", root.getAttribute("failures"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength(), "base and the fix");
        Element first = (Element) root.getElementsByTagName("testcase").item(0);
        assertEquals("finwait2-ipfw-keepalive", first.getAttribute("classname"));
        assertEquals(CliTest.SEED + ":48: at 1h expect server netstat FIN_WAIT_2 == 1", first.getAttribute("name"),
                "the line as written (blanks collapsed), after file:line");
        assertEquals("0", first.getAttribute("time"));
    }

    @Test
    @DisplayName("a failing expectation: exit 1, <failure> with file:line:col, expected and actual; valid; same bytes twice")
    void failingExpectation(@TempDir Path dir) throws Exception {
        Path scn = dir.resolve("demo.scn");
        Files.writeString(scn, SCENARIO);
        Path xml = dir.resolve("junit.xml");
        CliTest.Outcome o = CliTest.scn("run", scn.toString(), "--junit", xml.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals("4", root.getAttribute("tests"), "2 expectations x (base + 1 variant)");
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("0", root.getAttribute("errors"));
        NodeList suites = root.getElementsByTagName("testsuite");
        Element variant = (Element) suites.item(1);
        assertEquals("junit-demo [a <b> & \"c\"]", variant.getAttribute("name"), "escaped and read back");
        assertEquals("1", variant.getAttribute("failures"));
        assertEquals("0", variant.getAttribute("skipped"));
        NodeList failures = root.getElementsByTagName("failure");
        assertEquals(2, failures.getLength());
        Element failure = (Element) failures.item(0);
        String message = failure.getAttribute("message");
        // Column 23: the subject (4 blanks, "at 5s", 6 blanks, "expect "), as run prints it.
        assertTrue(message.startsWith(scn + ":19:23: at 5s server netstat FIN_WAIT_2: "), message);
        assertTrue(message.endsWith("expected == 0, actual 1"), message);
        Element failed = (Element) failure.getParentNode();
        assertEquals(scn + ":19: at 5s expect server netstat FIN_WAIT_2 == 0", failed.getAttribute("name"));
        Element held = (Element) root.getElementsByTagName("testcase").item(0);
        assertEquals(scn + ":18: at 5s expect server netstat FIN_WAIT_2 == 1", held.getAttribute("name"),
                "the comment is not part of the name");
        assertEquals(0, held.getElementsByTagName("failure").getLength());

        // The README's example (Command line, --junit) is this output, the folder left out.
        String output = Files.readString(xml).replace(dir + java.io.File.separator, "");
        long shown = Files.readString(Path.of("README.md")).lines().map(String::strip)
                .filter(l -> l.startsWith("<testcase classname=\"junit-demo\"") || l.startsWith("<failure type="))
                .peek(l -> assertTrue(output.contains(l.replace("…", "")), "README line not in the output: " + l))
                .count();
        assertEquals(2, shown, "the README shows a test case and its failure");

        byte[] once = Files.readAllBytes(xml);
        CliTest.scn("run", scn.toString(), "--junit", xml.toString());
        assertArrayEquals(once, Files.readAllBytes(xml), "same input, same bytes");
    }

    @Test
    @DisplayName("report --junit: every scenario's runs, and a file that cannot be used as an <error>; valid")
    void reportWritesJunit(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a-demo.scn"), SCENARIO);
        Files.writeString(in.resolve("b-broken.scn"), "scenario broken {\n");
        Path xml = dir.resolve("junit.xml");
        CliTest.Outcome o = CliTest.scn("report", in.toString(), "-o", dir.resolve("out").toString(), "--lang", "en",
                "--junit", xml.toString());
        assertEquals(2, o.code(), o.err());
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals("5", root.getAttribute("tests"), "4 expectation cases and the broken file");
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        Element error = (Element) root.getElementsByTagName("error").item(0);
        assertTrue(error.getAttribute("message").contains("b-broken.scn"), error.getAttribute("message"));
    }

    private static void validate(Path xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                .validate(new StreamSource(xml.toFile()));
    }

    private static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(xml.toFile());
    }
}
