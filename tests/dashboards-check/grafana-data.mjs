// @grafana/data as Grafana's frontend runs it, loaded in Node: the few browser globals it reads at load time, and the
// standard field options (unit, min, max, decimals, …) registered with the override processors @grafana/data
// exports, as Grafana's app registers them (public/app/core/components/OptionsUI/registry.tsx) minus their editors.
globalThis.window ??= globalThis;
globalThis.navigator ??= { language: 'en-US', languages: ['en-US'] };

const data = await import('@grafana/data');
const {
  FieldType,
  booleanOverrideProcessor,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
} = data;

const always = () => true;
const numbers = (field) => field.type === FieldType.number;
const option = (id, process, shouldApply = always, settings = {}) => ({ id, path: id, name: id, process, shouldApply, settings, override: null, editor: null });

standardFieldConfigEditorRegistry.setInit(() => [
  option('displayName', displayNameOverrideProcessor),
  option('unit', unitOverrideProcessor, always, { placeholder: 'none', expandTemplateVars: true }),
  option('fieldMinMax', booleanOverrideProcessor, numbers),
  option('min', numberOverrideProcessor, numbers),
  option('max', numberOverrideProcessor, numbers),
  option('decimals', numberOverrideProcessor, numbers, { placeholder: 'auto', min: 0, max: 10, integer: true }),
  option('thresholds', thresholdsOverrideProcessor),
  option('mappings', valueMappingsOverrideProcessor),
  option('color', identityOverrideProcessor, always, { byValueSupport: true, preferThresholdsMode: true }),
  option('noValue', stringOverrideProcessor),
]);

export default data;
