export { buildLadder } from './build-ladder';
export { LadderInputError } from './ladder-input-error';
export { renderHtml } from './render-html';
export { renderMermaid } from './render-mermaid';
export { renderSvg } from './render-svg';
export { renderText } from './render-text';
export { shouldUseColor } from './should-use-color';
export type {
  BuildLadderOptions,
  HomerRecord,
  LadderDialog,
  LadderMessage,
  LadderModel,
  LadderParticipant,
  LadderWarning,
  MessageClass,
  RenderHtmlOptions,
  RenderMermaidOptions,
  RenderSvgOptions,
  RenderTextOptions,
} from './types';
