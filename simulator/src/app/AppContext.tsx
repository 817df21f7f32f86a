import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SimState } from '../store/simStore';
import type { UiState } from '../store/uiStore';
import type { AppController } from './AppController';

export const AppContext = createContext<AppController | undefined>(undefined);

/** The app's controller (views call it for every action). */
export const useController = (): AppController => {
  const c = useContext(AppContext);
  if (c === undefined) throw new Error('useController outside <AppContext.Provider>');
  return c;
};

/** Reads a slice of the engine mirror; re-renders only when the slice changes. */
export const useSim = <T,>(selector: (s: SimState) => T): T => useStore(useController().sim, selector);

/** Reads a slice of the UI state. */
export const useUi = <T,>(selector: (s: UiState) => T): T => useStore(useController().ui, selector);

/** Like useSim for a derived list: re-renders only when its items change (shallow comparison). */
export const useSimList = <T,>(selector: (s: SimState) => T[]): T[] => useStore(useController().sim, useShallow(selector));
