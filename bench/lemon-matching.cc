// LEMON's MaxWeightedMatching on a graph read from stdin, for bench/matching.ts.
// Input: "n m" then m lines "u v w" (integer weights). Output: "ms weight pairs".
#include <chrono>
#include <cstdio>
#include <vector>
#include <lemon/list_graph.h>
#include <lemon/matching.h>

int main() {
  int n, m;
  if (std::scanf("%d %d", &n, &m) != 2) return 2;
  lemon::ListGraph g;
  g.reserveNode(n);
  g.reserveEdge(m);
  std::vector<lemon::ListGraph::Node> nodes(n);
  for (int i = 0; i < n; i++) nodes[i] = g.addNode();
  lemon::ListGraph::EdgeMap<long long> weight(g);
  for (int k = 0; k < m; k++) {
    int u, v;
    long long w;
    if (std::scanf("%d %d %lld", &u, &v, &w) != 3) return 2;
    weight[g.addEdge(nodes[u], nodes[v])] = w;
  }
  auto start = std::chrono::steady_clock::now();
  lemon::MaxWeightedMatching<lemon::ListGraph, lemon::ListGraph::EdgeMap<long long>> mwm(g, weight);
  mwm.run();
  auto end = std::chrono::steady_clock::now();
  double ms = std::chrono::duration<double, std::milli>(end - start).count();
  std::printf("%.3f %lld %d\n", ms, (long long)mwm.matchingWeight(), mwm.matchingSize());
  return 0;
}
