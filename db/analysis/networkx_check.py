#!/usr/bin/python3
"""Independent reference for db/analysis (networkx.test.ts runs it with Debian's python3-networkx 2.8.8).

Usage: /usr/bin/python3 db/analysis/networkx_check.py <folder>

Reads every <name>.graphml in the folder (written by Stakemap's own GraphML export) and, when present,
<name>.parts.json (the communities Stakemap found: {stakeholder id: community}), builds D and U as
db/domain/analysis.ts defines them, computes every metric with networkx and prints one JSON object:
{name: {"nodes": {metric: {stakeholder id: value}}, "network": {...}, "modularity": ..., "bridging": {...}}}.
"""
import json
import multiprocessing
import os
import sys

import networkx as nx

# The same tolerances as db/analysis/centrality.ts (networkx's defaults stop ~1e-6 from the fixed point).
PAGERANK_TOLERANCE = 1e-10
EIGENVECTOR_TOLERANCE = 1e-9
MAX_ITERATIONS = 1000
# Weighted metrics read distance 1 / strength. Strengths are whole numbers 1-5, so every distance is a whole
# number of sixtieths: networkx gets those integers ("units"), so two routes of equal strength tie exactly
# on both sides (with float lengths 1/3 + 1/3 + 1/3 != 1, and which equal routes tie would depend on
# rounding). Closeness is scaled back to 1 / strength; betweenness does not depend on the unit.
UNITS = 60


def read_export(path):
    """The export as networkx reads it, as a multigraph (several relationships between two stakeholders
    are parallel edges); mutual ties are marked by the `mutual` attribute, from which D is built."""
    return nx.read_graphml(path, force_multigraph=True)


def stakeholder_id(node):
    assert node.startswith("n"), node
    return int(node[1:])


def build(g):
    """D: an arc per relationship, both ways when mutual, parallel arcs as one with the strongest strength.
    U: D without direction, one edge per pair with the strongest strength."""
    d = nx.DiGraph()
    u = nx.Graph()
    for node in g.nodes:
        d.add_node(stakeholder_id(node))
        u.add_node(stakeholder_id(node))
    relationships = 0
    for a, b, data in g.edges(data=True):
        s, t = stakeholder_id(a), stakeholder_id(b)
        if s == t:
            continue
        relationships += 1
        strength = int(data["strength"])
        assert 1 <= strength and UNITS % strength == 0, strength
        mutual = data.get("mutual") in (True, "true", "True", 1)
        arcs = [(s, t), (t, s)] if mutual else [(s, t)]
        for x, y in arcs:
            if not d.has_edge(x, y) or d[x][y]["strength"] < strength:
                d.add_edge(x, y, strength=strength, units=UNITS // strength)
        if not u.has_edge(s, t) or u[s][t]["strength"] < strength:
            u.add_edge(s, t, strength=strength)
    return d, u, relationships


def path_figures(d):
    total = 0
    pairs = 0
    longest = None
    for _, lengths in nx.all_pairs_shortest_path_length(d):
        for target_len in lengths.values():
            if target_len > 0:
                total += target_len
                pairs += 1
                longest = target_len if longest is None else max(longest, target_len)
    return (total / pairs if pairs else None), longest


def metrics(d, u):
    n = d.number_of_nodes()
    out = {}
    out["in_degree"] = dict(d.in_degree())
    out["out_degree"] = dict(d.out_degree())
    out["degree"] = dict(d.degree())
    out["weighted_degree"] = dict(d.degree(weight="strength"))
    out["betweenness"] = nx.betweenness_centrality(d, normalized=True)
    out["betweenness_weighted"] = nx.betweenness_centrality(d, normalized=True, weight="units")
    out["closeness"] = nx.closeness_centrality(d)
    out["closeness_weighted"] = {v: c * UNITS for v, c in nx.closeness_centrality(d, distance="units").items()}
    if n:
        common = {"alpha": 0.85, "tol": PAGERANK_TOLERANCE, "max_iter": MAX_ITERATIONS}
        out["pagerank"] = nx.pagerank(d, weight=None, **common)
        out["pagerank_weighted"] = nx.pagerank(d, weight="strength", **common)
        try:
            out["eigenvector"] = nx.eigenvector_centrality(u, max_iter=MAX_ITERATIONS, tol=EIGENVECTOR_TOLERANCE)
        except nx.PowerIterationFailedConvergence:
            out["eigenvector"] = None  # the test counts these and compares nothing for them
    return out


def network(d, relationships):
    n = d.number_of_nodes()
    apl, diameter = path_figures(d)
    weak = list(nx.weakly_connected_components(d)) if n else []
    return {
        "nodes": n,
        "arcs": d.number_of_edges(),
        "relationships": relationships,
        "density": nx.density(d),
        "components": len(weak),
        "strongComponents": nx.number_strongly_connected_components(d) if n else 0,
        "largestComponent": max((len(c) for c in weak), default=0),
        "averagePathLength": apl,
        "diameter": diameter,
        "reciprocity": nx.reciprocity(d) if d.number_of_edges() else 0,
    }


def communities(u, parts_path):
    """Modularity of Stakemap's partition as networkx computes it, and bridging from networkx's neighbours."""
    if not os.path.exists(parts_path):
        return None, None
    with open(parts_path, encoding="utf-8") as f:
        part = {int(k): v for k, v in json.load(f).items()}
    groups = {}
    for node, c in part.items():
        groups.setdefault(c, set()).add(node)
    modularity = (
        nx.community.modularity(u, list(groups.values()), weight="strength") if u.number_of_edges() else None
    )
    bridging = {v: len({part[w] for w in u.neighbors(v)} - {part[v]}) for v in u.nodes}
    return modularity, bridging


def check(folder, file):
    name = file[: -len(".graphml")]
    d, u, relationships = build(read_export(os.path.join(folder, file)))
    modularity, bridging = communities(u, os.path.join(folder, name + ".parts.json"))
    values = metrics(d, u)
    return name, {
        "nodes": {m: (None if col is None else {str(k): float(v) for k, v in col.items()}) for m, col in values.items()},
        "network": network(d, relationships),
        "modularity": modularity,
        "bridging": None if bridging is None else {str(k): v for k, v in bridging.items()},
    }


def main(folder):
    files = sorted(f for f in os.listdir(folder) if f.endswith(".graphml"))
    # One process per core: networkx is pure Python, and the maps are independent.
    with multiprocessing.Pool(min(4, os.cpu_count() or 1)) as pool:
        report = dict(pool.starmap(check, [(folder, f) for f in files], chunksize=8))
    json.dump(report, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: networkx_check.py <folder of .graphml files>")
    main(sys.argv[1])
