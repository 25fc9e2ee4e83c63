// Renders what each stat, gauge, bar gauge and heatmap panel of the dashboards would show, with Grafana's own code
// (@grafana/data: applyFieldOverrides, the field reducers, getFieldDisplayValues, the display processor), from
// Prometheus' answers to the panels' queries recorded by the C# tests, and reports what a reader must never see.
//
//   node render.mjs ANSWERS.json RESULT.json [DASHBOARD_DIR]
//
// ANSWERS.json: { "scenarios": [ { "name", "answers": [ { "dashboard": uid, "panel": id, "refId",
//   "data": Prometheus' /api/v1/query_range "data" } ] } ] }.
// RESULT.json: { "panels": [ { scenario, dashboard, panel, type, values: [ { name, text, numeric, percent } ] } ],
// "findings": [ "…" ] }. Prints one line per rendered panel and per finding; exits 1 when there are findings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grafana from './grafana-data.mjs';

const {
  FieldType,
  applyFieldOverrides,
  createDataFrame,
  createTheme,
  fieldReducers,
  formattedValueToString,
  getDisplayProcessor,
  getFieldDisplayValues,
  getValueFormats,
  renderLegendFormat,
} = grafana;

const here = path.dirname(fileURLToPath(import.meta.url));
if (!process.argv[3]) {
  console.error('usage: node render.mjs ANSWERS.json RESULT.json [DASHBOARD_DIR]');
  process.exit(2);
}
const answers = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const dashboardDir = path.resolve(process.argv[4] ?? path.join(here, '..', '..', 'dashboards'));
const dashboards = fs
  .readdirSync(dashboardDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(dashboardDir, f), 'utf8')));

const theme = createTheme();
const replaceVariables = (text) => text;
const units = new Set(getValueFormats().flatMap((category) => category.submenu.map((unit) => unit.value)));
const timeUnits = new Set(getValueFormats().find((category) => category.text === 'Time').submenu.map((unit) => unit.value));
const customUnit = /^(suffix|prefix|si|count|currency|time|bool):/;
const rendered = ['stat', 'gauge', 'bargauge', 'heatmap'];

const findings = [];
const panels = [];

for (const dashboard of dashboards) {
  for (const panel of panelsOf(dashboard)) {
    checkDefinition(dashboard, panel);
  }
}

for (const scenario of answers.scenarios) {
  for (const dashboard of dashboards) {
    for (const panel of panelsOf(dashboard).filter((p) => rendered.includes(p.type))) {
      const recorded = scenario.answers.filter((a) => a.dashboard === dashboard.uid && a.panel === panel.id);
      if (recorded.length === 0) {
        continue;
      }
      const where = `${scenario.name}: ${dashboard.title} / ${panel.title}`;
      const frames = recorded.flatMap((answer) => toFrames(answer, panel));
      const values = panel.type === 'heatmap' ? renderHeatmap(where, panel, frames) : renderSingleValues(where, panel, frames);
      for (const value of values) {
        if (/NaN|Infinity|∞/.test(value.text)) {
          findings.push(`${where}: shows "${value.text}" for ${value.name}`);
        }
      }
      panels.push({ scenario: scenario.name, dashboard: dashboard.uid, panel: panel.title, type: panel.type, values });
    }
  }
}

fs.writeFileSync(process.argv[3], JSON.stringify({ panels, findings }, null, 2));
for (const p of panels) {
  console.log(`${p.scenario}: ${p.dashboard} / ${p.panel}: ${p.values.map((v) => `${v.name} = "${v.text}"${typeof v.percent === 'number' ? ` (bar ${Math.round(v.percent * 100)}%)` : ''}`).join(', ') || '(nothing drawn)'}`);
}
for (const finding of findings) {
  console.log(`finding: ${finding}`);
}
process.exit(findings.length === 0 ? 0 : 1);

function panelsOf(dashboard) {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
}

/** What Grafana resolves by id: every reducer a panel names, and its unit. */
function checkDefinition(dashboard, panel) {
  const where = `${dashboard.title} / ${panel.title}`;
  const calcs = [...(panel.options?.reduceOptions?.calcs ?? []), ...(panel.options?.legend?.calcs ?? [])];
  for (const id of calcs) {
    if (!fieldReducers.getIfExists(id)) {
      findings.push(`${where}: reducer '${id}' is not one of Grafana's (${fieldReducers.list().map((r) => r.id).join(', ')})`);
    }
  }
  for (const unit of [panel.fieldConfig?.defaults?.unit, panel.options?.cellValues?.unit, panel.options?.yAxis?.unit]) {
    if (unit && !units.has(unit) && !customUnit.test(unit)) {
      findings.push(`${where}: unit '${unit}' is not one of Grafana's units`);
    }
  }
}

/**
 * One frame per series, as Grafana's Prometheus datasource returns a range query: a time field and a number field
 * carrying the series' labels, named by the query's legend format. Prometheus writes NaN and ±Inf as text.
 */
function toFrames(answer, panel) {
  const target = (panel.targets ?? []).find((t) => t.refId === answer.refId) ?? {};
  const series = answer.data.resultType === 'matrix' ? answer.data.result : answer.data.result.map((s) => ({ ...s, values: [s.value] }));
  return series.map((s) => {
    const { __name__, ...labels } = s.metric;
    const legend = target.legendFormat && target.legendFormat !== '__auto' ? renderLegendFormat(target.legendFormat, labels) : undefined;
    return createDataFrame({
      refId: answer.refId,
      fields: [
        { name: 'Time', type: FieldType.time, config: {}, values: s.values.map(([t]) => t * 1000) },
        {
          name: 'Value',
          type: FieldType.number,
          labels,
          config: legend === undefined ? {} : { displayNameFromDS: legend },
          values: s.values.map(([, v]) => sample(v)),
        },
      ],
    });
  });
}

function sample(text) {
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

/** A stat, gauge or bar gauge: each field reduced by the panel's calcs, then shown by its display processor. */
function renderSingleValues(where, panel, frames) {
  const data = applyFieldOverrides({ data: frames, fieldConfig: panel.fieldConfig, replaceVariables, theme, timeZone: 'utc' });
  const displays = getFieldDisplayValues({
    data,
    reduceOptions: panel.options.reduceOptions,
    fieldConfig: panel.fieldConfig,
    replaceVariables,
    theme,
    timeZone: 'utc',
  });
  const values = displays.map((d) => ({
    name: d.display.title ?? d.name,
    text: formattedValueToString(d.display),
    numeric: Number.isFinite(d.display.numeric) ? d.display.numeric : String(d.display.numeric),
    percent: d.display.percent === undefined || Number.isFinite(d.display.percent) ? d.display.percent : String(d.display.percent),
  }));
  for (const value of values) {
    if (value.text === 'No data' || value.text === '') {
      findings.push(`${where}: shows ${value.text === '' ? 'an empty value' : 'Grafana\'s bare "No data"'} for ${value.name} (give the query a value, e.g. \`or vector(0)\`, or the field a mapping or noValue text)`);
    }
    if ((panel.type === 'bargauge' || panel.type === 'gauge') && typeof value.numeric === 'number' && value.numeric > 0) {
      if (!(typeof value.percent === 'number' && value.percent > 0)) {
        findings.push(`${where}: ${value.name} = ${value.text} draws an empty bar (percent ${value.percent}): set the field's min`);
      }
    }
  }
  return values;
}

/**
 * A heatmap's cells, shown as its panel shows them (public/app/plugins/panel/heatmap/fields.ts, updateFieldDisplay):
 * the field's config with options.cellValues' unit and decimals laid over it. Cells hold rate()s of bucket counts,
 * observations per second, so a time unit there prints a count as a duration.
 */
function renderHeatmap(where, panel, frames) {
  const data = applyFieldOverrides({ data: frames, fieldConfig: panel.fieldConfig, replaceVariables, theme, timeZone: 'utc' });
  const fields = data.flatMap((frame) => frame.fields.filter((f) => f.type === FieldType.number));
  if (fields.length === 0) {
    return [];
  }
  const config = { ...fields[0].config };
  const cellValues = panel.options.cellValues ?? {};
  if (cellValues.unit?.length) {
    config.unit = cellValues.unit;
  }
  if (cellValues.decimals != null) {
    config.decimals = cellValues.decimals;
  }
  const display = getDisplayProcessor({ field: { ...fields[0], config }, theme });
  const cells = fields.flatMap((f) => f.values).filter((v) => Number.isFinite(v));
  const busiest = cells.length === 0 ? 0 : Math.max(...cells);
  const text = formattedValueToString(display(busiest));
  if (timeUnits.has(config.unit ?? 'none')) {
    findings.push(`${where}: a cell holding ${busiest} observations/s is shown as "${text}" (cell unit '${config.unit}' is a time unit)`);
  }
  return [{ name: 'busiest cell', text, numeric: busiest }];
}
