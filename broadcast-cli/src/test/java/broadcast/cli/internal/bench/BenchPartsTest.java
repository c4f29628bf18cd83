package broadcast.cli.internal.bench;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.cli.internal.CliException;
import broadcast.cli.internal.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's own parts: ids, checks, payloads, percentiles, output. */
class BenchPartsTest {

    @Test
    void idsCarryTheirSequenceNumber() {
        SeqIds ids = new SeqIds("bench-abc-stream-m-");
        assertEquals("bench-abc-stream-m-0", ids.id(0));
        assertEquals("bench-abc-stream-m-1234567", ids.id(1_234_567));
        assertEquals(1_234_567, SeqIds.seq(ids.id(1_234_567), ids.prefixLength()));
        assertEquals(-1, SeqIds.seq("bench-abc-stream-m-", ids.prefixLength()));
        assertEquals(-1, SeqIds.seq("bench-abc-stream-m-12x", ids.prefixLength()));
        assertEquals(-1, SeqIds.seq("other", ids.prefixLength()));
    }

    @Test
    void theTrackerCountsLossDuplicatesReorderingAndStrangers() {
        SeqTracker t = new SeqTracker(10, 2, BenchPayload.of(BenchPayload.Kind.BYTES, 4));
        for (long seq : new long[] {0, 1, 3, 2, 3, 5, 42, -1}) {
            t.add(seq);
        }
        assertEquals(5, t.received(), "0 1 3 2 5");
        assertEquals(1, t.duplicates(), "3 twice");
        assertEquals(3, t.outOfOrder(), "3 after 1, 2 after 3, 5 after 3");
        assertEquals(2, t.wrong(), "42 and a malformed id are not of this run");
    }

    @Test
    void theTrackerChecksThePayloadOfEachMessage() {
        SeqTracker t = new SeqTracker(2, 2, BenchPayload.of(BenchPayload.Kind.BYTES, 4));
        t.onMessage(BroadcastMessage.builder().id("m-0").channel("c").payload(new Payload(Payload.OCTET_STREAM,
                new byte[4]), null).build());
        t.onMessage(BroadcastMessage.builder().id("m-1").channel("c").payload(new Payload(Payload.OCTET_STREAM,
                new byte[3]), null).build());
        assertEquals(2, t.received());
        assertEquals(1, t.wrong(), "a payload of another size");
    }

    @Test
    void theMapPayloadIsAPriceTickOfExactlyTheSize() {
        Map<String, Object> tick = BenchPayload.tick(128);
        assertEquals("{\"symbol\":\"ACME\",\"venue\":\"XNAS\",\"side\":\"BUY\",\"price\":12.5,\"qty\":100,"
                + "\"ts\":1732600000000,\"trader\":\"desk-7\",\"account\":\"ACC-000123\"}", Json.write(tick));
        assertEquals(128, Json.write(tick).length());
        assertEquals(1024, Json.write(BenchPayload.tick(1024)).length());
        assertEquals(138, Json.write(BenchPayload.tick(138)).length());
        assertThrows(CliException.class, () -> BenchPayload.tick(130));
        assertThrows(CliException.class, () -> BenchPayload.tick(100));
        byte[] bytes = (byte[]) BenchPayload.of(BenchPayload.Kind.BYTES, 128).data();
        assertEquals(128, bytes.length);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (i + 1) * 1000L;
        }
        assertEquals(500.0, PingPong.micros(sorted, 0.5));
        assertEquals(990.0, PingPong.micros(sorted, 0.99));
        assertEquals(999.0, PingPong.micros(sorted, 0.999));
        assertEquals(7.0, PingPong.micros(new long[] {7000}, 0.999));
        assertNull(PingPong.micros(new long[0], 0.5));
    }

    @Test
    void aResultIsOneJsonLineWithTheKeysScriptsRead() {
        Settings s = new Settings(Workload.FANOUT, 1000, 128, 4, false, 100, 10, BenchPayload.Kind.BYTES, "json", "t");
        Result ok = new Result(s, null, null, 4000, 0, 0, 0, 0, 0.5, 8000.0, 1.024, null, null, null, null, null, null)
                .at("in-process", "memory");
        assertTrue(ok.ok());
        assertEquals("{\"workload\":\"fanout\",\"messages\":1000,\"size\":128,\"payload\":\"bytes\",\"codec\":\"json\","
                + "\"hub\":\"in-process\",\"store\":\"memory\",\"persistent\":false,\"subscribers\":4,\"window\":100,"
                + "\"deliveries\":4000,\"lost\":0,\"duplicates\":0,\"out_of_order\":0,\"rejected\":0,\"seconds\":0.5,"
                + "\"msgs_per_s\":8000,\"mb_per_s\":1,\"p50_us\":null,\"p99_us\":null,\"p999_us\":null,"
                + "\"rss_kib_per_client\":null,\"heap_kib_per_client\":null,\"ok\":true,\"note\":null}",
                ResultFormat.json(ok));
        Result lost = new Result(s, "h", null, 3999, 1, 0, 0, 0, 0.5, 7998.0, 1.0, null, null, null, null, null, null);
        assertFalse(lost.ok(), "a loss fails the run");
        assertTrue(ResultFormat.row(lost).endsWith("FAILED"), ResultFormat.row(lost));
        assertEquals("fanout: 1 lost, 0 duplicates, 0 out of order, 0 refused or malformed",
                ResultFormat.notes(java.util.List.of(ok, lost)).get(0));
        assertFalse(new Result(s, "h", null, 4000, 0, 1, 0, 0, 0.5, 8000.0, 1.0, null, null, null, null, null, null).ok(),
                "a duplicate fails the run");
    }

    @Test
    void theProgressLineShowsTheShareDone() {
        assertEquals("fanout       [###############---------------]  50%  400,000/800,000",
                Progress.line("fanout", 400_000, 800_000));
    }

    @Test
    void theBacklogsPeakIsTheMostHeapLeftAfterACollection() {
        String log = "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 2.3ms\n"
                + "[2.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 140M->40M(256M) 2.1ms\n"
                + "[3.0s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 131072K->20480K(262144K) 2.0ms\n";
        assertEquals(40.0, Backlog.peakMib(log));
        assertNull(Backlog.peakMib("[0.01s][info][gc] Using G1\n"));
    }
}
