package io.cairn.store.lmdb.internal;

/** Decodes chunks in the layout {@link ChunkAppender} writes. */
final class AppendableChunkReader {
    private AppendableChunkReader() {
    }

    static ChunkPoints decode(byte[] chunk, ChunkHeader h) {
        ChunkPoints p = ChunkPoints.allocate(h.type(), h.count());
        BitReader r = new BitReader(chunk, ChunkAppender.State.read(chunk, h.type()).streamOffset());
        long time = h.minTime();
        long delta = 0;
        long last = 0;
        int lead = 0;
        int trail = 0;
        for (int i = 0; i < p.size; i++) {
            if (i > 0) {
                delta += BitReader.unzigzag(readTimeCode(r));
                time += delta;
            }
            p.times[i] = time;
            switch (h.type()) {
                case INTEGER -> {
                    last += BitReader.unzigzag(readIntegerCode(r));
                    p.longs[i] = last;
                }
                case FLOAT -> {
                    if (i == 0) {
                        last = r.readBits(64);
                    } else if (r.readBit()) {
                        if (r.readBit()) {
                            lead = (int) r.readBits(6);
                            trail = 64 - lead - ((int) r.readBits(6) + 1);
                        }
                        last ^= r.readBits(64 - lead - trail) << trail;
                    }
                    p.doubles[i] = Double.longBitsToDouble(last);
                }
                case BOOLEAN -> p.booleans[i] = r.readBit();
                case STRING -> throw new IllegalStateException("string chunks are not appendable");
            }
        }
        return p;
    }

    /** Reads what {@link ChunkAppender#writeTimeCode} wrote. */
    static long readTimeCode(BitReader r) {
        if (!r.readBit()) {
            return 0;
        }
        if (!r.readBit()) {
            return r.readBits(12);
        }
        if (!r.readBit()) {
            return r.readBits(20);
        }
        return r.readBit() ? r.readBits(64) : r.readBits(32);
    }

    private static long readIntegerCode(BitReader r) {
        if (!r.readBit()) {
            return 0;
        }
        if (!r.readBit()) {
            return r.readBits(4);
        }
        if (!r.readBit()) {
            return r.readBits(8);
        }
        if (!r.readBit()) {
            return r.readBits(16);
        }
        return r.readBit() ? r.readBits(64) : r.readBits(32);
    }
}
