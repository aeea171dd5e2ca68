/** Shows the first-start page instead of its children while the installation has no user (GET /setup). */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { adminApi } from '../../api.js';
import { FirstStartPage } from './FirstStartPage.js';

export function FirstStartGate({ children }: { children: ReactNode }) {
  const { data, refetch } = useQuery({ queryKey: ['setup'], queryFn: adminApi.firstStartState, staleTime: Infinity });
  if (data?.needed) return <FirstStartPage onDone={() => void refetch()} />;
  return <>{children}</>;
}
