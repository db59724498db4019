package io.influxha.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A request body shaped like Telegraf's default system inputs (cpu, mem, disk) for a few hosts:
 * 3-5 tags, 5-10 fields of float, integer and boolean values, nanosecond timestamps.
 */
final class TelegrafBody {
    private TelegrafBody() {}

    static byte[] build(int lines, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(lines * 220);
        long ts = 1_700_000_000_000_000_000L;
        for (int k = 0; k < lines; k++) {
            String host = "web-" + String.format("%02d", r.nextInt(20)) + ".eu-west-1.internal";
            switch (k % 3) {
                case 0 -> sb.append("cpu,cpu=cpu").append(r.nextInt(8)).append(",host=").append(host)
                        .append(" usage_user=").append(pct(r)).append(",usage_system=").append(pct(r))
                        .append(",usage_idle=").append(pct(r)).append(",usage_iowait=").append(pct(r))
                        .append(",usage_irq=0,usage_softirq=").append(pct(r)).append(",usage_steal=0")
                        .append(",usage_guest=0,usage_nice=").append(pct(r));
                case 1 -> sb.append("mem,host=").append(host)
                        .append(" active=").append(r.nextInt(1 << 30)).append("i,available=").append(r.nextLong() >>> 30)
                        .append("i,available_percent=").append(pct(r)).append(",buffered=").append(r.nextInt(1 << 28))
                        .append("i,cached=").append(r.nextInt(1 << 30)).append("i,free=").append(r.nextInt(1 << 30))
                        .append("i,total=16777216000i,used=").append(r.nextInt(1 << 30))
                        .append("i,used_percent=").append(pct(r));
                default -> sb.append("disk,device=nvme0n1p").append(1 + r.nextInt(3)).append(",fstype=ext4,host=").append(host)
                        .append(",mode=rw,path=/var/lib/data").append(r.nextInt(4))
                        .append(" free=").append(r.nextLong() >>> 24).append("i,inodes_free=").append(r.nextInt(1 << 24))
                        .append("i,inodes_total=33554432i,inodes_used=").append(r.nextInt(1 << 20))
                        .append("i,total=512110190592i,used=").append(r.nextLong() >>> 25)
                        .append("i,used_percent=").append(pct(r)).append(",readonly=false");
            }
            sb.append(' ').append(ts + k * 1_000_000L).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One tag, one field: the shortest realistic line (~50 bytes), to show the cost per line vs per byte. */
    static byte[] buildShort(int lines, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(lines * 56);
        for (int k = 0; k < lines; k++) {
            sb.append("temp,sensor=s").append(r.nextInt(100)).append(" value=").append(pct(r))
                    .append(' ').append(1_700_000_000_000_000_000L + k).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] build(String shape, int lines) {
        return "short".equals(shape) ? buildShort(lines, 1L) : build(lines, 1L);
    }

    private static String pct(Random r) {
        return Double.toString(Math.round(r.nextDouble() * 100_000_000_000.0) / 1_000_000_000.0);
    }
}
