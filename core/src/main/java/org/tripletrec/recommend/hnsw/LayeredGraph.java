package org.tripletrec.recommend.hnsw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * A finished HNSW graph in flat arrays: per level, the sorted nodes on it (level 0 holds every node, implicitly)
 * and each node's neighbours as a slice of one int array. About a third of the memory of the graph Lucene
 * builds in (which keeps room and a score for every possible link), immutable, and written and read as plain
 * ints. Searches go through {@link #view()}: Lucene walks a graph through a cursor kept in the graph object, so
 * each search takes its own.
 */
final class LayeredGraph {
    private final int size;
    private final int entryNode;
    private final int[][] levelNodes; // [0] is null: level 0 holds nodes 0..size-1
    private final int[][] offsets;    // offsets[l][p] .. offsets[l][p + 1]: the neighbours of the p-th node on level l
    private final int[][] neighbours;

    private LayeredGraph(int size, int entryNode, int[][] levelNodes, int[][] offsets, int[][] neighbours) {
        this.size = size;
        this.entryNode = entryNode;
        this.levelNodes = levelNodes;
        this.offsets = offsets;
        this.neighbours = neighbours;
    }

    /** A copy of a finished graph (Lucene's, while nothing changes it). */
    static LayeredGraph copyOf(HnswGraph graph) throws IOException {
        int size = graph.size();
        int levels = graph.numLevels();
        int[][] nodes = new int[levels][];
        int[][] offsets = new int[levels][];
        int[][] neighbours = new int[levels][];
        for (int level = 0; level < levels; level++) {
            int[] onLevel = HnswGraph.NodesIterator.getSortedNodes(graph.getNodesOnLevel(level));
            int[] off = new int[onLevel.length + 1];
            int[] links = new int[Math.max(16, onLevel.length * 8)];
            int count = 0;
            for (int p = 0; p < onLevel.length; p++) {
                graph.seek(level, onLevel[p]);
                for (int nb = graph.nextNeighbor(); nb != DocIdSetIterator.NO_MORE_DOCS; nb = graph.nextNeighbor()) {
                    if (count == links.length) {
                        links = Arrays.copyOf(links, links.length + (links.length >> 1));
                    }
                    links[count++] = nb;
                }
                off[p + 1] = count;
            }
            nodes[level] = level == 0 ? null : onLevel;
            offsets[level] = off;
            neighbours[level] = Arrays.copyOf(links, count);
        }
        return new LayeredGraph(size, graph.entryNode(), nodes, offsets, neighbours);
    }

    int size() {
        return size;
    }

    /** Heap bytes of the arrays. */
    long bytes() {
        long b = 0;
        for (int l = 0; l < offsets.length; l++) {
            b += 16L + 4L * offsets[l].length + 16L + 4L * neighbours[l].length;
            if (levelNodes[l] != null) {
                b += 16L + 4L * levelNodes[l].length;
            }
        }
        return b;
    }

    /** A cursor over this graph for one search at a time. */
    HnswGraph view() {
        return new View();
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeInt(entryNode);
        out.writeInt(offsets.length);
        for (int l = 0; l < offsets.length; l++) {
            if (l > 0) {
                writeInts(out, levelNodes[l]);
            }
            writeInts(out, offsets[l]);
            writeInts(out, neighbours[l]);
        }
    }

    /**
     * Reads what {@link #write} wrote, checking that every number is in range, so that a damaged file that
     * passed the checksum still cannot send a search out of bounds.
     */
    static LayeredGraph read(DataInput in, int expectedSize) throws IOException {
        int size = in.readInt();
        int entry = in.readInt();
        int levels = in.readInt();
        if (size != expectedSize || levels < 1 || levels > 64 || (size > 0 && (entry < 0 || entry >= size))) {
            throw new IOException("graph header out of range (" + size + " nodes for " + expectedSize
                    + " items, " + levels + " levels, entry " + entry + ")");
        }
        int[][] nodes = new int[levels][];
        int[][] offsets = new int[levels][];
        int[][] neighbours = new int[levels][];
        for (int l = 0; l < levels; l++) {
            int count = size;
            if (l > 0) {
                nodes[l] = readInts(in, size);
                for (int p = 0; p < nodes[l].length; p++) {
                    if (nodes[l][p] < 0 || nodes[l][p] >= size || (p > 0 && nodes[l][p] <= nodes[l][p - 1])) {
                        throw new IOException("level " + l + " lists node " + nodes[l][p] + " out of order or range");
                    }
                }
                count = nodes[l].length;
            }
            offsets[l] = readInts(in, count + 1);
            neighbours[l] = readInts(in, Integer.MAX_VALUE - 16);
            int[] off = offsets[l];
            if (off.length != count + 1 || off[0] != 0 || off[count] != neighbours[l].length) {
                throw new IOException("level " + l + " has inconsistent neighbour offsets");
            }
            for (int p = 0; p < count; p++) {
                if (off[p + 1] < off[p]) {
                    throw new IOException("level " + l + " has decreasing neighbour offsets");
                }
            }
            for (int nb : neighbours[l]) {
                if (nb < 0 || nb >= size || (l > 0 && Arrays.binarySearch(nodes[l], nb) < 0)) {
                    throw new IOException("level " + l + " links to node " + nb + ", which is not on it");
                }
            }
        }
        if (levels > 1 && Arrays.binarySearch(nodes[levels - 1], entry) < 0) {
            throw new IOException("the entry node " + entry + " is not on the top level");
        }
        return new LayeredGraph(size, entry, nodes, offsets, neighbours);
    }

    private static void writeInts(DataOutput out, int[] a) throws IOException {
        out.writeInt(a.length);
        byte[] buf = new byte[4 * Math.min(a.length, 1 << 14)];
        for (int from = 0; from < a.length; from += buf.length / 4) {
            int to = Math.min(a.length, from + buf.length / 4);
            for (int j = from, b = 0; j < to; j++, b += 4) {
                int v = a[j];
                buf[b] = (byte) (v >>> 24);
                buf[b + 1] = (byte) (v >>> 16);
                buf[b + 2] = (byte) (v >>> 8);
                buf[b + 3] = (byte) v;
            }
            out.write(buf, 0, 4 * (to - from));
        }
    }

    private static int[] readInts(DataInput in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("an array of " + n + " ints where at most " + max + " can be");
        }
        int[] a = new int[n];
        byte[] buf = new byte[4 * Math.min(n, 1 << 14)];
        for (int from = 0; from < n; from += buf.length / 4) {
            int to = Math.min(n, from + buf.length / 4);
            in.readFully(buf, 0, 4 * (to - from));
            for (int j = from, b = 0; j < to; j++, b += 4) {
                a[j] = (buf[b] << 24) | ((buf[b + 1] & 0xFF) << 16) | ((buf[b + 2] & 0xFF) << 8) | (buf[b + 3] & 0xFF);
            }
        }
        return a;
    }

    private final class View extends HnswGraph {
        private int[] links;
        private int next;
        private int end;

        @Override
        public void seek(int level, int target) {
            int p = level == 0 ? target : Arrays.binarySearch(levelNodes[level], target);
            if (p < 0) {
                throw new IllegalStateException("node " + target + " is not on level " + level);
            }
            links = neighbours[level];
            next = offsets[level][p];
            end = offsets[level][p + 1];
        }

        @Override
        public int nextNeighbor() {
            return next < end ? links[next++] : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int numLevels() {
            return offsets.length;
        }

        @Override
        public int entryNode() {
            return size == 0 ? -1 : entryNode;
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            if (level == 0) {
                int[] all = new int[size];
                Arrays.setAll(all, i -> i);
                return new ArrayNodesIterator(all, size);
            }
            return new ArrayNodesIterator(levelNodes[level], levelNodes[level].length);
        }
    }
}
