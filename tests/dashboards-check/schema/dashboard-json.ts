// The shape a dashboard JSON file must have, built from Grafana's own types: @grafana/schema's dashboard (v0), each
// panel plugin's options and field config (raw/composable/<plugin>/panelcfg), and the Prometheus query.
// typecheck.mjs assigns every dashboard, panel by panel, to these types; an unknown field, a wrong type or an
// enum value Grafana does not define is a compile error.
import type { ScopeSpec, ScopeSpecFilter, Scope } from '@grafana/data';
import type { DataQuery, DataSourceRef, VariableModel } from '@grafana/schema';
import type * as Raw from '@grafana/schema/dist/esm/raw/dashboard/x/dashboard_types.gen';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as Gauge from '@grafana/schema/dist/esm/raw/composable/gauge/panelcfg/x/GaugePanelCfg_types.gen';
import type * as Heatmap from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/**
 * A type as JSON writes it: a string enum becomes the union of its values ("palette-classic", not
 * FieldColorModeId.PaletteClassic); numeric enums already accept their numbers; objects and arrays recursively.
 */
export type Json<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/** One object type instead of an intersection, so that excess-property checks name the field. */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The Prometheus query as Grafana 11.3 defines it (the `Prometheus` and `PromQuery` interfaces of
 * @grafana/prometheus 11.3.0, generated from the datasource's CUE schema), copied because that package cannot be
 * installed without @grafana/ui and @grafana/runtime.
 */
export interface PrometheusQuery extends DataQuery {
  editorMode?: 'builder' | 'code';
  exemplar?: boolean;
  expr: string;
  format?: 'time_series' | 'table' | 'heatmap';
  instant?: boolean;
  intervalFactor?: number;
  legendFormat?: string;
  range?: boolean;
  scopes?: Array<ScopeSpec & Pick<Scope['metadata'], 'name'>>;
  adhocFilters?: ScopeSpecFilter[];
  groupByKeys?: string[];
  utcOffsetSec?: number;
  valueWithRefId?: boolean;
  showingGraph?: boolean;
  showingTable?: boolean;
  hinting?: boolean;
  interval?: string;
  useBackend?: boolean;
  disableTextWrap?: boolean;
  fullMetaSearch?: boolean;
  includeNullMetadata?: boolean;
}

/** Panel options: Grafana fills every option a panel leaves out from the plugin's defaultOptions. */
interface PanelKinds {
  stat: { options: Stat.Options; custom: Record<string, never> };
  gauge: { options: Gauge.Options; custom: Record<string, never> };
  bargauge: { options: BarGauge.Options; custom: Record<string, never> };
  heatmap: { options: Heatmap.Options; custom: Heatmap.FieldConfig };
  timeseries: { options: TimeSeries.Options; custom: TimeSeries.FieldConfig };
}

export type PanelType = keyof PanelKinds;

type FieldConfigOf<TCustom> = Flat<Omit<Raw.FieldConfig, 'custom'> & { custom?: TCustom }>;

export type TypedPanel<K extends PanelType> = Json<
  Flat<
    Omit<Raw.Panel, 'type' | 'options' | 'fieldConfig' | 'targets'> & {
      type: K;
      options?: Partial<PanelKinds[K]['options']>;
      fieldConfig?: Flat<Omit<Raw.FieldConfigSource, 'defaults'> & { defaults: FieldConfigOf<PanelKinds[K]['custom']> }>;
      targets?: PrometheusQuery[];
    }
  >
>;

export type AnyPanel = { [K in PanelType]: TypedPanel<K> }[PanelType];

export type TypedRow = Json<Flat<Omit<Raw.RowPanel, 'panels'>>> & { panels: AnyPanel[] };

/**
 * A template variable. `definition` is the text Grafana's query-variable editor writes beside the query
 * (QueryVariableModel in @grafana/data); the dashboard schema's VariableModel does not list it.
 */
export type TypedVariable = Json<Flat<Omit<VariableModel, 'datasource'> & { datasource?: DataSourceRef | null; definition?: string }>>;

export type TypedDashboard = Json<Flat<Omit<Raw.Dashboard, 'panels' | 'templating'> & { templating?: { list?: TypedVariable[] } }>> & {
  panels: Array<AnyPanel | TypedRow>;
};
