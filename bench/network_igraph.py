"""igraph side of the network benchmark (bench/network.ts runs it; never part of a test suite).

Reads an edge list (one "u v" per line, 0-based, undirected, no duplicates) and a node count,
times exact betweenness (wall clock and CPU), PageRank (damping 0.85) and Louvain
(community_multilevel, seven runs each) with python-igraph (Debian's python3-igraph), and prints one JSON object: the timings in seconds,
the betweenness and PageRank values, the Louvain modularity and the process's peak memory.
"""
import json
import resource
import sys
import time

import igraph

# PageRank and Louvain take milliseconds: seven runs each, every time reported (bench/network.ts
# takes the best, the median and the first).
REPEATS = 7


def main() -> None:
    path, node_count = sys.argv[1], int(sys.argv[2])
    with open(path) as handle:
        edges = [tuple(map(int, line.split())) for line in handle if line.strip()]
    graph = igraph.Graph(n=node_count, edges=edges, directed=False)
    started = time.perf_counter()
    started_cpu = time.process_time()
    betweenness = graph.betweenness(directed=False)
    betweenness_seconds = time.perf_counter() - started
    betweenness_cpu_seconds = time.process_time() - started_cpu
    pagerank_times = []
    louvain_times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        pagerank = graph.pagerank(damping=0.85, directed=False)
        pagerank_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        communities = graph.community_multilevel()
        louvain_times.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "version": igraph.__version__,
                "betweennessSeconds": betweenness_seconds,
                "betweennessCpuSeconds": betweenness_cpu_seconds,
                "pagerankTimes": pagerank_times,
                "louvainTimes": louvain_times,
                "betweenness": betweenness,
                "pagerank": pagerank,
                "modularity": communities.modularity,
                "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
