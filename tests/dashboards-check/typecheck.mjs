// Type-checks dashboards against Grafana's own definitions (@grafana/schema, the version of the compose file's
// Grafana): each dashboard becomes a TypeScript module that assigns every panel, as a literal, to the type of its
// panel plugin (schema/dashboard-json.ts), and the TypeScript compiler reports what Grafana's types reject.
//
//   node typecheck.mjs [DASHBOARD_DIR]      default: the repository's dashboards/
//
// Prints one line per finding ("file: panel 'title' (id): path: message") and exits 1 when there is any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const dashboardDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'dashboards'));
const panelTypes = ['stat', 'gauge', 'bargauge', 'heatmap', 'timeseries'];

const files = fs.readdirSync(dashboardDir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no dashboards (*.json) in ${dashboardDir}`);
  process.exit(2);
}

// Generated modules live beside schema/ so that they resolve @grafana/* from this folder's node_modules.
const work = fs.mkdtempSync(path.join(here, '.generated-'));
const findings = [];
const regions = new Map();
try {
  const roots = files.map((file) => generate(file, JSON.parse(fs.readFileSync(path.join(dashboardDir, file), 'utf8'))));
  const program = ts.createProgram(roots, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    findings.push(describe(diagnostic));
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

for (const finding of findings) {
  console.log(finding);
}
const panels = [...regions.values()].reduce((n, r) => n + r.list.filter((x) => x.panel).length, 0);
console.error(`${files.length} dashboards, ${panels} panels checked against @grafana/schema ${schemaVersion()}: ${findings.length} findings`);
process.exit(findings.length === 0 ? 0 : 1);

function generate(file, dashboard) {
  // One entry per line of the module, so that a diagnostic's line finds the panel it is in.
  const lines = [`import type * as G from '../schema/dashboard-json';`, ''];
  const emit = (text) => lines.push(...text.split('\n'));
  const fileRegions = [];
  const names = [];
  const { panels = [], ...rest } = dashboard;
  panels.forEach((panel, index) => {
    const name = `panel${index}`;
    const type = panel.type === 'row' ? 'G.TypedRow' : panelTypes.includes(panel.type) ? `G.TypedPanel<'${panel.type}'>` : null;
    const label = `panel '${panel.title}' (id ${panel.id}, ${panel.type})`;
    if (type === null) {
      findings.push(`${file}: ${label}: no schema for panel type '${panel.type}' in schema/dashboard-json.ts (add its panelcfg types)`);
      return;
    }
    names.push(name);
    const start = lines.length;
    emit(`export const ${name}: ${type} = ${JSON.stringify(panel, null, 2)};\n`);
    fileRegions.push({ start, end: lines.length, label, panel: panel.type !== 'row' });
  });
  const start = lines.length;
  const body = JSON.stringify(rest, null, 2).replace(/\n}$/, `,\n  "panels": [${names.join(', ')}]\n}`);
  emit(`export const dashboard: G.TypedDashboard = ${body};\n`);
  fileRegions.push({ start, end: lines.length, label: 'dashboard', panel: false });
  const generated = path.join(work, file.replace(/\.json$/, '.ts'));
  fs.writeFileSync(generated, lines.join('\n'));
  regions.set(path.resolve(generated), { file, list: fileRegions });
  return generated;
}

function describe(diagnostic) {
  const full = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  const message = full.length <= 400 ? full : `${full.slice(0, 400)}…`;
  if (!diagnostic.file) {
    return `typescript: ${message}`;
  }
  const region = regions.get(path.resolve(diagnostic.file.fileName));
  if (!region) {
    return `${diagnostic.file.fileName}: ${message}`;
  }
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const where = region.list.find((r) => line >= r.start && line < r.end);
  return `${region.file}: ${where ? where.label : `line ${line + 1}`}: ${jsonPath(diagnostic.file, diagnostic.start)}: ${message}`;
}

/** The JSON path of the property at a position of a generated module: the names of the enclosing properties. */
function jsonPath(source, position) {
  const names = [];
  const visit = (node) => {
    if (position < node.getStart(source) || position >= node.getEnd()) {
      return;
    }
    if (ts.isPropertyAssignment(node)) {
      names.push(node.name.getText(source).replace(/^"|"$/g, ''));
    }
    if (ts.isArrayLiteralExpression(node)) {
      const index = node.elements.findIndex((e) => position >= e.getStart(source) && position < e.getEnd());
      if (index >= 0) {
        names.push(`[${index}]`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names.length === 0 ? '(top)' : names.join('.').replace(/\.\[/g, '[');
}

function schemaVersion() {
  return JSON.parse(fs.readFileSync(path.join(here, 'node_modules', '@grafana', 'schema', 'package.json'), 'utf8')).version;
}
