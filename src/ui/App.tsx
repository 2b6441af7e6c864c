// The live view: header, the current screen, footer; sized to the terminal and driven by the keymap.

import { Box } from "ink";
import { useMemo } from "react";
import { modeOf } from "../app/keymap.ts";
import type { Store } from "../app/store.ts";
import { Detail } from "./Detail.tsx";
import { Footer } from "./Footer.tsx";
import { Gone } from "./Gone.tsx";
import { Header, headerHeight } from "./Header.tsx";
import { Help } from "./Help.tsx";
import { ServiceList } from "./ServiceList.tsx";
import { StateMessage } from "./StateMessage.tsx";
import { Tree } from "./Tree.tsx";
import { type Theme, ThemeContext } from "./theme.ts";
import { useAppState } from "./use-app-state.ts";
import { useKeys } from "./use-keys.ts";
import { type ScreenModel, useScreenModel } from "./use-screen-model.ts";
import { useTerminalSize } from "./use-terminal-size.ts";
import { useVerdicts } from "./use-verdicts.ts";

export interface AppProps {
  readonly store: Store;
  /** Called by q and Ctrl-C; the UI never exits the process itself. */
  readonly onQuit: () => void;
  /** Draw no colours (NO_COLOR). */
  readonly noColor?: boolean;
}

const FOOTER_HEIGHT = 1;

function Body({ model, width, state }: { model: ScreenModel; width: number; state: ReturnType<typeof useAppState> }) {
  switch (model.screen) {
    case "message":
      return <StateMessage state={state} />;
    case "help":
      return <Help lines={model.lines} start={model.start} page={model.page} />;
    case "detail":
      return model.row ? (
        <Detail row={model.row} items={model.items} start={model.start} page={model.page} width={width} />
      ) : (
        <Gone name={model.name} />
      );
    case "tree":
      return <Tree lines={model.lines} count={model.count} selectedIndex={model.selectedIndex} />;
    case "list":
      return (
        <ServiceList
          rows={model.rows}
          start={model.start}
          page={model.page}
          count={model.count}
          total={model.total}
          selectedIndex={model.selectedIndex}
          width={width}
          sort={state.ui.sort}
          filter={state.ui.filter}
        />
      );
  }
}

/** The whole live view. It fills the terminal but one line, so Ink redraws in place instead of clearing. */
export function App({ store, onQuit, noColor = false }: AppProps) {
  const state = useAppState(store);
  const { columns, rows } = useTerminalSize();
  // once per displayed sample: the list, the detail and the header all read these
  const verdicts = useVerdicts(state.shown);
  const dump = verdicts?.dump ?? null;
  const header = headerHeight(dump);
  const height = Math.max(header + FOOTER_HEIGHT + 2, rows - 1);
  const bodyHeight = height - header - FOOTER_HEIGHT;
  const model = useScreenModel(state, verdicts, bodyHeight, columns);
  useKeys(store, model.view, model.current, onQuit);
  const theme = useMemo<Theme>(() => ({ color: !noColor }), [noColor]);
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={columns} height={height} overflowY="hidden">
        <Header state={state} now={store.now} dump={dump} />
        <Box flexDirection="column" height={bodyHeight} overflowY="hidden">
          <Body model={model} width={columns} state={state} />
        </Box>
        <Footer mode={modeOf(state.ui)} draft={state.ui.filterDraft} />
      </Box>
    </ThemeContext.Provider>
  );
}
