#!/usr/bin/env python3
"""Writes the Grafana dashboards in dashboards/ (JSON, provisioned by deploy/grafana/provisioning).

The JSON files are the product and are committed; this script is how they are kept consistent (stable uids,
panel ids, the ${datasource} variable, a unit on every panel, $__rate_interval in every rate()). Edit here and run

    python3 deploy/grafana/dashboards.py            # rewrites dashboards/*.json
    python3 deploy/grafana/dashboards.py OUTDIR     # writes them to OUTDIR instead

tests/SerialCluster.Integration.Tests/Deployment lint the JSON, evaluate every query against a real Prometheus, and
check the dashboards with Grafana's own code (tests/dashboards-check: typecheck.mjs against @grafana/schema,
render.mjs with @grafana/data on the recorded answers).
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
WORKLOAD = 'workload=~"$workload"'
HEATMAP_CELL_UNIT = "cps"  # a heatmap's cells are rate()s of bucket counts; its y axis (options.yAxis) has the buckets' unit
SILOS_UP = 'count(up{job="serialcluster-silo"} == 1) or vector(0)'
NO_JOB = "no job yet"
NO_SILO = "no silo scraped"
# 1 / e is infinite at e = 0 and negative for e < 0 (a job faster than its P allows): both mean "no serial part
# measured", so the limit is clamped to a cap, and the cap is shown as "≥ cap".
AMDAHL_LIMIT_CAP = 100


class Board:
    def __init__(self, uid, title, description, tags):
        self.uid = uid
        self.title = title
        self.description = description
        self.tags = tags
        self.panels = []
        self.next_id = 1
        self.y = 0
        self.x = 0
        self.row_height = 0
        self.variables = [datasource_variable()]

    def _id(self):
        panel_id = self.next_id
        self.next_id += 1
        return panel_id

    def row(self, title):
        self._newline()
        self.panels.append({
            "type": "row", "id": self._id(), "title": title, "collapsed": False, "panels": [],
            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y},
        })
        self.y += 1

    def _newline(self):
        if self.x > 0:
            self.y += self.row_height
            self.x = 0
            self.row_height = 0

    def _place(self, w, h):
        if self.x + w > 24:
            self._newline()
        pos = {"h": h, "w": w, "x": self.x, "y": self.y}
        self.x += w
        self.row_height = max(self.row_height, h)
        return pos

    def add(self, panel_type, title, description, unit, targets, w=8, h=8, options=None, field_defaults=None, extra=None):
        defaults = {"unit": unit, "color": {"mode": "palette-classic"}}
        if panel_type == "stat":
            defaults["color"] = {"mode": "thresholds"}
            defaults["thresholds"] = {"mode": "absolute", "steps": [{"color": "blue", "value": None}]}
        if panel_type == "timeseries":
            defaults["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never",
                                  "spanNulls": True}
        if panel_type == "bargauge":
            # A bar gauge without min scales from its lowest series: that bar draws empty, equal bars all do.
            defaults["min"] = 0
        defaults.update(field_defaults or {})
        panel = {
            "type": panel_type,
            "id": self._id(),
            "title": title,
            "description": description,
            "datasource": DATASOURCE,
            "gridPos": self._place(w, h),
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": options or default_options(panel_type),
            "targets": [target(refid, *t) for refid, t in zip("ABCDEFGH", targets)],
        }
        if panel_type == "heatmap":
            for t in panel["targets"]:
                t["format"] = "heatmap"
        panel.update(extra or {})
        self.panels.append(panel)

    def json(self):
        return {
            "uid": self.uid,
            "title": self.title,
            "description": self.description,
            "tags": self.tags,
            "editable": False,
            "graphTooltip": 1,
            "refresh": "10s",
            "schemaVersion": 39,
            "version": 1,
            "time": {"from": "now-30m", "to": "now"},
            "timepicker": {},
            "timezone": "browser",
            "fiscalYearStartMonth": 0,
            "liveNow": False,
            "links": [{"title": "SerialCluster", "type": "dashboards", "tags": ["serialcluster"], "asDropdown": True, "icon": "external link",
                       "includeVars": False, "keepTime": True, "targetBlank": False, "tooltip": ""}],
            "annotations": {"list": []},
            "templating": {"list": self.variables},
            "panels": self.panels,
        }


def datasource_variable():
    return {
        "name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
        "current": {"selected": True, "text": "Prometheus", "value": "serialcluster-prometheus"},
        "hide": 0, "includeAll": False, "multi": False, "refresh": 1, "regex": "", "options": [],
    }


def query_variable(name, label, query):
    return {
        "name": name, "label": label, "type": "query", "datasource": DATASOURCE,
        "definition": query, "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "hide": 0, "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "regex": "", "sort": 1,
        "options": [],
    }


def target(refid, expr, legend="__auto"):
    return {"refId": refid, "datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "range": True,
            "editorMode": "code"}


def default_options(panel_type):
    if panel_type == "stat":
        return {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                "colorMode": "value", "graphMode": "area", "justifyMode": "auto", "textMode": "auto",
                "orientation": "auto"}
    if panel_type == "bargauge":
        return {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                "orientation": "horizontal", "displayMode": "gradient", "showUnfilled": True, "valueMode": "color"}
    if panel_type == "heatmap":
        return {"calculate": False, "cellGap": 1, "yAxis": {"axisPlacement": "left", "unit": "s"},
                "color": {"mode": "scheme", "scheme": "Oranges", "exponent": 0.5, "steps": 64, "fill": "dark-orange", "reverse": False},
                "rowsFrame": {"layout": "auto"}, "tooltip": {"mode": "single", "yHistogram": True},
                "legend": {"show": True}, "cellValues": {"unit": HEATMAP_CELL_UNIT}, "exemplars": {"color": "rgba(255,0,255,0.7)"}}
    return {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True, "calcs": ["lastNotNull", "max"]},
            "tooltip": {"mode": "multi", "sort": "desc"}}


def last_job_options():
    """A bar gauge of the last job's figures shows the newest sample, NaN included: lastNotNull would skip the NaN a
    P = 1 job writes and show the job before it."""
    options = default_options("bargauge")
    options["reduceOptions"]["calcs"] = ["last"]
    return options


def nan_as(text):
    """A value mapping for NaN and null (0/0 in PromQL, or no sample), so a panel says what it means."""
    return [{"type": "special", "options": {"match": "null+nan", "result": {"text": text, "index": 0}}}]


def or_zero(expr):
    """A sum or count over no series is no series ("No data"); 0 is the answer."""
    return f"{expr} or vector(0)"


def rate(metric, selector=""):
    inner = f"{{{selector}}}" if selector else ""
    return f"rate({metric}{inner}[$__rate_interval])"


def quantiles(metric, selector, by=""):
    group = f"le, {by}" if by else "le"
    legend_prefix = f"{{{{{by}}}}} " if by else ""
    return [(f"histogram_quantile({q}, sum by ({group}) ({rate(metric + '_bucket', selector)}))", f"{legend_prefix}p{int(q * 100)}")
            for q in (0.5, 0.9, 0.99)]


def overview():
    b = Board("serialcluster-overview", "SerialCluster — serial vs parallel",
              "Where time goes in a SerialCluster: wide work spread over every core, serial chains on the fastest "
              "core, and how close each job came to the speedup its plan allows.",
              ["serialcluster"])
    b.variables.append(query_variable("workload", "Workload", "label_values(serialcluster_jobs_submitted_total, workload)"))

    b.row("Headline")
    b.add("stat", "Silos up", "Silos Prometheus scrapes successfully (job serialcluster-silo).", "none",
          [(SILOS_UP, "silos")], w=4, h=5)
    b.add("stat", "Jobs running", "Jobs whose coordinator is running them now, summed over silos.", "none",
          [(or_zero("sum(serialcluster_jobs_running)"), "jobs")], w=4, h=5)
    b.add("stat", "Tasks/s", "Parallel-stage tasks completed per second, cluster-wide.", "ops",
          [(or_zero(f"sum({rate('serialcluster_tasks_completed_total', WORKLOAD)})"), "tasks/s")], w=4, h=5)
    b.add("stat", "Effective parallelism",
          "Kernel compute seconds per wall second of the jobs that finished in the window "
          "(rate of serialcluster_work_seconds_total / rate of serialcluster_wall_seconds_total): "
          "1 = serial, n = n cores busy on average.", "suffix:×",
          [(f"sum({rate('serialcluster_work_seconds_total')}) / sum({rate('serialcluster_wall_seconds_total')})", "parallelism")],
          w=4, h=5, field_defaults={"decimals": 2, "mappings": nan_as("no job finished"), "noValue": "no job finished"})
    b.add("stat", "Busy cores", "Kernel compute seconds per second, all silos: how many cores computed on average.", "none",
          [(or_zero(f"sum({rate('serialcluster_work_seconds_total')})"), "cores")], w=4, h=5, field_defaults={"decimals": 2})
    b.add("stat", "Cores available", "Usable cores the silos calibrated, each CPU set of each host counted once "
          "(silos sharing CPUs share their cores).", "none",
          [(or_zero("sum(max by (host, cpus) (serialcluster_silo_cpu_set_cores))"), "cores")], w=4, h=5)

    b.row("Cluster")
    b.add("bargauge", "Single-thread score by silo",
          "Calibrated SHA-256 chain steps per second on one core: serial chains go to the highest.", "short",
          [("max by (silo) (serialcluster_silo_single_thread_score)", "{{silo}}")], w=8, h=7, field_defaults={"noValue": NO_SILO})
    b.add("bargauge", "All-core score by silo", "Calibrated SHA-256 chain steps per second with every usable core busy.", "short",
          [("max by (silo) (serialcluster_silo_all_core_score)", "{{silo}}")], w=8, h=7, field_defaults={"noValue": NO_SILO})
    b.add("bargauge", "Cores by silo", "Usable cores each silo calibrated (its CPU set or quota).", "none",
          [("max by (silo) (serialcluster_silo_cores)", "{{silo}}")], w=8, h=7, field_defaults={"noValue": NO_SILO})
    b.add("heatmap", "Hop latency (grain-call round trips)",
          "Round trips of the silos' hop probes to every peer (and to themselves), all silos: probes per second in each "
          "round-trip bucket.", HEATMAP_CELL_UNIT,
          [(f"sum by (le) ({rate('serialcluster_hop_rtt_seconds_bucket')})", "{{le}}")], w=12, h=8)
    b.add("timeseries", "Hop latency p50 / p99 by peer", "Round-trip quantiles from each silo (instance) to each peer.", "s",
          [(f"histogram_quantile(0.5, sum by (le, peer) ({rate('serialcluster_hop_rtt_seconds_bucket')}))", "{{peer}} p50"),
           (f"histogram_quantile(0.99, sum by (le, peer) ({rate('serialcluster_hop_rtt_seconds_bucket')}))", "{{peer}} p99")],
          w=12, h=8)
    b.add("timeseries", "Running chains and tasks by silo", "What each silo runs right now.", "none",
          [("max by (silo) (serialcluster_silo_running_chains)", "{{silo}} chains"),
           ("max by (silo) (serialcluster_silo_running_tasks)", "{{silo}} tasks")], w=24, h=7)

    b.row("Parallel throughput")
    b.add("timeseries", "Tasks/s by workload", "Parallel-stage tasks completed per second.", "ops",
          [(f"sum by (workload) ({rate('serialcluster_tasks_completed_total', WORKLOAD)})", "{{workload}}")], w=8)
    b.add("timeseries", "Tasks/s by silo", "Which silos computed the parallel tasks (service: silo-serial or silo).", "ops",
          [(f"sum by (service, instance) ({rate('serialcluster_tasks_completed_total', WORKLOAD)})", "{{service}} {{instance}}")], w=8)
    b.add("timeseries", "Busy cores by kind", "Kernel compute seconds per second: chains (serial) against tasks (parallel).", "none",
          [(f"sum by (kind) ({rate('serialcluster_work_seconds_total')})", "{{kind}}")], w=8)
    b.add("timeseries", "Task duration", "Compute time of one parallel task, measured around the kernel.", "s",
          quantiles("serialcluster_task_duration_seconds", WORKLOAD), w=8)
    b.add("timeseries", "Job duration p50 by mode", "Wall time of completed jobs, submission to result.", "s",
          [(f"histogram_quantile(0.5, sum by (le, mode) ({rate('serialcluster_job_duration_seconds_bucket', WORKLOAD)}))", "{{mode}} p50")], w=8)
    b.add("timeseries", "Jobs/s by mode and outcome", "Jobs submitted and finished per second.", "ops",
          [(f"sum by (mode) ({rate('serialcluster_jobs_submitted_total', WORKLOAD)})", "{{mode}} submitted"),
           (f"sum by (mode, outcome) ({rate('serialcluster_jobs_completed_total', WORKLOAD)})", "{{mode}} {{outcome}}")], w=8)

    b.row("Serial latency")
    b.add("timeseries", "Chain batch latency", "Compute time of one serial-chain batch (batches are sized to ~50 ms).", "s",
          quantiles("serialcluster_chain_batch_duration_seconds", WORKLOAD), w=8)
    b.add("heatmap", "Chain batch latency heatmap", "Chain batches per second in each duration bucket.", HEATMAP_CELL_UNIT,
          [(f"sum by (le) ({rate('serialcluster_chain_batch_duration_seconds_bucket', WORKLOAD)})", "{{le}}")], w=8)
    b.add("timeseries", "Chain steps/s against the serial silo's calibrated rate",
          "Steps per second the chains advanced, beside the serial silo's calibrated single-thread rate "
          "(SHA-256 steps/s: a hashchain at full speed reaches it; other workloads' steps cost more).", "short",
          [(f"sum by (workload) ({rate('serialcluster_chain_steps_total', WORKLOAD)})", "{{workload}} steps/s"),
           ('max by (silo) (serialcluster_silo_single_thread_score{service="silo-serial"})', "{{silo}} calibrated")], w=8)

    b.row("Amdahl (last job per workload)")
    b.add("timeseries", "Speedup against its bound",
          "The last job's absolute speedup — against the best single-core run of the same parameters (its pinned runs' median, else the cost model's pinned prediction; a sweep's pinned baseline) — beside the most its plan allows at the P it ran with. Below 1: more cores made it slower.", "suffix:×",
          [(f"workload:serialcluster_last_job_speedup:newest{{{WORKLOAD}}}", "{{workload}} speedup"),
           (f"workload:serialcluster_last_job_bound:newest{{{WORKLOAD}}}", "{{workload}} bound")], w=8,
          field_defaults={"decimals": 2})
    b.add("bargauge", "Share of the bound reached", "Speedup / bound: 100% = all the speedup the plan allows.", "percentunit",
          [(f"workload:serialcluster_last_job_speedup_of_bound:newest{{{WORKLOAD}}}", "{{workload}}")], w=8,
          options=last_job_options(), field_defaults={"max": 1, "mappings": nan_as("n/a"), "noValue": NO_JOB})
    b.add("bargauge", "Parallelism (work / span)", "The most speedup the last job's tasks could give on unlimited cores.", "suffix:×",
          [(f"workload:serialcluster_last_job_parallelism:newest{{{WORKLOAD}}}", "{{workload}}")], w=8,
          options=last_job_options(), field_defaults={"decimals": 1, "mappings": nan_as("n/a"), "noValue": NO_JOB})
    b.add("bargauge", "Serial fraction (Karp–Flatt e; fitted f for a sweep, also on measured cores)",
          "Karp–Flatt e = (1/S − 1/P)/(1 − 1/P) of the last job at the P it used; after a sweep, Amdahl's fitted f. "
          "'n/a' for a job at P = 1 (e is 0/0 there). 'on measured cores': after a sweep with the capacity control, f "
          "fitted against the capacity C(P) the busy cores delivered (round by round), so a shortfall of the machine's "
          "cores is not read as the job's serial part; 'n/a' after a lone job.", "percentunit",
          [(f"workload:serialcluster_last_job_serial_fraction:newest{{{WORKLOAD}}}", "{{workload}}"),
           (f"workload:serialcluster_last_job_serial_fraction_on_measured_cores:newest{{{WORKLOAD}}}",
            "{{workload}} on measured cores")], w=12,
          options=last_job_options(), field_defaults={"max": 1, "mappings": nan_as("n/a"), "noValue": NO_JOB})
    b.add("bargauge", "Amdahl limit 1 / e (unlimited cores)",
          f"The speedup the measured serial fraction allows on any number of cores, drawn up to {AMDAHL_LIMIT_CAP}×: "
          f"e ≤ {1 / AMDAHL_LIMIT_CAP:g} (none measured, or a job faster than P cores allow, e < 0) shows "
          f"'≥ {AMDAHL_LIMIT_CAP}×'; 'n/a' for a job at P = 1.", "suffix:×",
          [(f"clamp_max(1 / clamp_min(workload:serialcluster_last_job_serial_fraction:newest{{{WORKLOAD}}}, 0), {AMDAHL_LIMIT_CAP})",
            "{{workload}}")], w=12,
          options=last_job_options(),
          field_defaults={"decimals": 1, "max": AMDAHL_LIMIT_CAP, "noValue": NO_JOB,
                          "mappings": nan_as("n/a") + [{"type": "range", "options": {
                              "from": AMDAHL_LIMIT_CAP, "to": AMDAHL_LIMIT_CAP, "result": {"text": f"≥ {AMDAHL_LIMIT_CAP}×", "index": 1}}}]})
    return b


INSTANCE = 'instance=~"$instance"'


def orleans():
    # Names as a silo's /metrics really emits them (prometheus-net's MeterAdapter: meter + instrument, so
    # Microsoft.Orleans' orleans-app-requests-latency is microsoft_orleans_orleans_app_requests_latency). .NET
    # Counter<T> instruments come out as gauges holding the running total, so rate() applies. Orleans' latency
    # histograms are in milliseconds.
    b = Board("serialcluster-orleans", "SerialCluster — Orleans runtime",
              "Orleans' own meter (Microsoft.Orleans), the .NET runtime meter (System.Runtime) and process figures, "
              "per silo, as each silo's /metrics serves them.",
              ["serialcluster", "orleans"])
    b.variables.append(query_variable("instance", "Silo", 'label_values(up{job="serialcluster-silo"}, instance)'))
    o = "microsoft_orleans_orleans_"

    b.row("Grains and requests")
    b.add("stat", "Silos up", "Silos Prometheus scrapes successfully.", "none",
          [(SILOS_UP, "silos")], w=4, h=5)
    b.add("stat", "Activations", "Grain activations across the selected silos.", "none",
          [(or_zero(f"sum({o}catalog_activations{{{INSTANCE}}})"), "activations")], w=4, h=5)
    b.add("stat", "Requests/s", "Application grain requests completed per second.", "reqps",
          [(or_zero(f"sum({rate(o + 'app_requests_latency_count', INSTANCE)})"), "requests/s")], w=4, h=5)
    b.add("stat", "Request latency p99", "Application grain requests, 99th percentile (of the newest window that had any).", "ms",
          [(f"histogram_quantile(0.99, sum by (le) ({rate(o + 'app_requests_latency_bucket', INSTANCE)}))", "p99")], w=4, h=5,
          field_defaults={"mappings": nan_as("no requests"), "noValue": "no requests"})
    b.add("stat", "Connected clients", "Clients connected to the gateways.", "none",
          [(or_zero(f"sum({o}gateway_connected_clients{{{INSTANCE}}})"), "clients")], w=4, h=5)
    b.add("stat", "Membership ring size", "Silos in the consistent ring, as the selected silos see it.", "none",
          [(or_zero(f"max({o}consistent_ring_size{{{INSTANCE}}})"), "silos")], w=4, h=5)
    b.add("timeseries", "Application request latency", "Grain calls made by application code, end to end.", "ms",
          [(f"histogram_quantile({q}, sum by (le) ({rate(o + 'app_requests_latency_bucket', INSTANCE)}))", f"p{int(q * 100)}")
           for q in (0.5, 0.9, 0.99)], w=12)
    b.add("timeseries", "Activations by grain type", "Live activations per grain type.", "none",
          [(f"sum by (grain_type) ({o}catalog_activations{{{INSTANCE}}})", "{{grain_type}}")], w=12)
    b.add("timeseries", "Activations created/s by grain type", "New activations per second.", "ops",
          [(f"sum by (grain_type) ({rate(o + 'catalog_activation_created', INSTANCE)})", "{{grain_type}}")], w=12)
    b.add("timeseries", "Activation latency", "Time to activate a grain, 99th percentile by grain type.", "ms",
          [(f"histogram_quantile(0.99, sum by (le, grain_type) ({rate(o + 'catalog_activation_latency_bucket', INSTANCE)}))", "{{grain_type}} p99")], w=12)

    b.row("Messaging and gateway")
    b.add("timeseries", "Messages processed/s", "Messages the dispatcher processed, by direction and status.", "ops",
          [(f"sum by (direction, status) ({rate(o + 'messaging_processing_dispatcher_processed', INSTANCE)})", "{{direction}} {{status}}")], w=8)
    b.add("timeseries", "Messages sent/received per second", "Messages through the silos' connections.", "ops",
          [(f"sum by (instance) ({rate(o + 'messaging_sent_messages_size_count', INSTANCE)})", "{{instance}} sent"),
           (f"sum by (instance) ({rate(o + 'messaging_received_messages_size_count', INSTANCE)})", "{{instance}} received")], w=8)
    b.add("timeseries", "Message bytes/s", "Bytes sent and received by the silos.", "Bps",
          [(f"sum by (instance) ({rate(o + 'messaging_sent_messages_size_sum', INSTANCE)})", "{{instance}} sent"),
           (f"sum by (instance) ({rate(o + 'messaging_received_messages_size_sum', INSTANCE)})", "{{instance}} received")], w=8)
    b.add("timeseries", "Gateway traffic", "Messages the gateways received from and sent to clients per second.", "ops",
          [(f"sum by (instance) ({rate(o + 'gateway_received', INSTANCE)})", "{{instance}} received"),
           (f"sum by (instance) ({rate(o + 'gateway_sent', INSTANCE)})", "{{instance}} sent")], w=8)
    b.add("timeseries", "Sockets opened/closed per second", "Connections, by direction.", "ops",
          [(f"sum by (direction) ({rate(o + 'networking_sockets_opened', INSTANCE)})", "{{direction}} opened"),
           (f"sum by (direction) ({rate(o + 'networking_sockets_closed', INSTANCE)})", "{{direction}} closed")], w=8)
    b.add("timeseries", "Rerouted messages/s", "Messages forwarded to another silo (a grain moved or its directory entry was stale).", "ops",
          [(f"sum by (direction) ({rate(o + 'messaging_rerouted', INSTANCE)})", "{{direction}}")], w=8)

    b.row("Directory and storage")
    b.add("timeseries", "Directory lookups/s", "Grain directory lookups: local, cache, full.", "ops",
          [(f"sum({rate(o + 'directory_lookups_local_issued', INSTANCE)})", "local"),
           (f"sum({rate(o + 'directory_lookups_cache_issued', INSTANCE)})", "cache"),
           (f"sum({rate(o + 'directory_lookups_full_issued', INSTANCE)})", "full")], w=8)
    b.add("timeseries", "Directory partition and cache size", "Entries this silo's directory partition and cache hold.", "none",
          [(f"sum by (instance) ({o}directory_partition_size{{{INSTANCE}}})", "{{instance}} partition"),
           (f"sum by (instance) ({o}directory_cache_size{{{INSTANCE}}})", "{{instance}} cache")], w=8)
    b.add("timeseries", "Grain storage latency (jobs)", "Reads and writes of grain state (job records in Redis), 99th percentile.", "ms",
          [(f"histogram_quantile(0.99, sum by (le, state_name) ({rate(o + 'storage_read_latency_bucket', INSTANCE)}))", "read {{state_name}} p99"),
           (f"histogram_quantile(0.99, sum by (le, state_name) ({rate(o + 'storage_write_latency_bucket', INSTANCE)}))", "write {{state_name}} p99")], w=8)

    b.row("Process and .NET runtime")
    b.add("timeseries", "CPU (cores)", "Process CPU seconds per second: 1 = one core busy.", "none",
          [(f"sum by (instance) ({rate('process_cpu_seconds_total', INSTANCE)})", "{{instance}}")], w=8)
    b.add("timeseries", "Working set", "Process working set.", "bytes",
          [(f"process_working_set_bytes{{{INSTANCE}}}", "{{instance}}")], w=8)
    b.add("timeseries", "GC heap size", "Heap size after the last collection, all generations.", "bytes",
          [(f"sum by (instance) (system_runtime_dotnet_gc_last_collection_heap_size{{{INSTANCE}}})", "{{instance}}")], w=8)
    b.add("timeseries", "GC collections/s by generation", "Garbage collections per second.", "ops",
          [(f"sum by (gc_heap_generation) ({rate('system_runtime_dotnet_gc_collections', INSTANCE)})", "{{gc_heap_generation}}")], w=8)
    b.add("timeseries", "Time in GC pauses", "Seconds paused for GC per second (0.01 = 1% of the time).", "percentunit",
          [(f"sum by (instance) ({rate('system_runtime_dotnet_gc_pause_time', INSTANCE)})", "{{instance}}")], w=8)
    b.add("timeseries", "Thread pool", "Thread-pool threads and queued work items.", "none",
          [(f"sum by (instance) (system_runtime_dotnet_thread_pool_thread_count{{{INSTANCE}}})", "{{instance}} threads"),
           (f"sum by (instance) (system_runtime_dotnet_thread_pool_queue_length{{{INSTANCE}}})", "{{instance}} queued")], w=8)
    b.add("timeseries", "Lock contentions/s", "Monitor lock contentions per second.", "ops",
          [(f"sum by (instance) ({rate('system_runtime_dotnet_monitor_lock_contentions', INSTANCE)})", "{{instance}}")], w=12)
    b.add("timeseries", "Watchdog health checks/s", "Orleans' watchdog checks: a stall here means a starved scheduler.", "ops",
          [(f"sum by (instance) ({rate(o + 'watchdog_health_checks', INSTANCE)})", "{{instance}}")], w=12)
    return b


def main():
    # An optional folder argument writes there instead (the tests compare its output with the committed JSON).
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "dashboards")
    os.makedirs(out, exist_ok=True)
    for board in (overview(), orleans()):
        path = os.path.join(out, f"{board.uid}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(board.json(), f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {path}: {sum(1 for p in board.panels if p['type'] != 'row')} panels")


if __name__ == "__main__":
    main()
