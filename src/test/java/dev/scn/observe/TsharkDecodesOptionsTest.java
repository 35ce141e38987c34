package dev.scn.observe;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wireshark reads the option bytes the pcap writer puts down: a 14.x SYN (20 option bytes, header
 * 40), a SYN-ACK ending in EOL padding (8 option bytes, header 28) and an ACK with a SACK block
 * (12 option bytes, header 32), all with good checksums.
 */
class TsharkDecodesOptionsTest {
    private static final List<String> FIELDS = List.of("tcp.hdr_len", "tcp.options.mss_val",
            "tcp.options.wscale.shift", "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr",
            "tcp.options.sack_le", "tcp.options.sack_re", "tcp.checksum.status", "tcp.options.sack_perm");

    @Test
    void optionsDecodeWithTheirValues(@TempDir Path dir) throws Exception {
        Path tshark = TsharkDecodesPcapTest.tsharkOrSkip();
        Packet syn = Packet.tcp(PcapWriterTest.B, 1025, PcapWriterTest.A, 80).seq(1000).flags(TcpFlags.SYN)
                .window(65535).options(TcpOptions.of(new TcpOption.Mss(1460), new TcpOption.Nop(),
                        new TcpOption.WindowScale(6), new TcpOption.SackPermitted(),
                        new TcpOption.Timestamp(123, 0))).build();
        Packet synAck = Packet.tcp(PcapWriterTest.A, 80, PcapWriterTest.B, 1025).seq(5000).ack(1001)
                .flags(TcpFlags.SYN | TcpFlags.ACK).window(65535).options(TcpOptions.of(new TcpOption.Mss(1460),
                        new TcpOption.SackPermitted(), new TcpOption.Eol(), new TcpOption.Eol())).build();
        Packet sack = Packet.tcp(PcapWriterTest.A, 80, PcapWriterTest.B, 1025).seq(5001).ack(1001)
                .flags(TcpFlags.ACK).window(1024).options(TcpOptions.of(new TcpOption.Nop(), new TcpOption.Nop(),
                        new TcpOption.Sack(List.of(new TcpOption.SackBlock(1201, 1301))))).build();
        Path file = dir.resolve("options.pcap");
        Files.write(file, PcapWriter.toBytes(List.of(new CapturedPacket(0, syn, 1), new CapturedPacket(1, synAck, 2),
                new CapturedPacket(2, sack, 3))));
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", file.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE",
                "-T", "fields", "-E", "separator=;", "-E", "quote=n"));
        for (String f : FIELDS) {
            command.add("-e");
            command.add(f);
        }
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("err").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out + Files.readString(dir.resolve("err")));
        // hdr_len; mss; wscale; tsval; tsecr; sack_le; sack_re; checksum status; sack_perm
        String[] s = lines[0].split(";", -1);
        assertEquals(List.of("40", "1460", "6", "123", "0", "", "", "1"), List.of(s).subList(0, 8));
        String[] a = lines[1].split(";", -1);
        assertEquals(List.of("28", "1460", "", "", "", "", "", "1"), List.of(a).subList(0, 8));
        String[] k = lines[2].split(";", -1);
        assertEquals(List.of("32", "", "", "", "", "1201", "1301", "1"), List.of(k).subList(0, 8));
    }
}
