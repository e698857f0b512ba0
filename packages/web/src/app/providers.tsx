import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { identityKeys } from '../modules/identity/index.ts';
import { theme } from '../ui/theme.ts';

function sessionEnded(error: unknown) {
  return isApiError(error) && (error.code === 'AUTH_REQUIRED' || error.code === 'AUTH_SESSION_EXPIRED');
}

export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (4xx) will not change on retry; network and 5xx errors get one more try.
        retry: (count, error) => count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
    // A request that finds the session gone signs the app out, so the guards send the user to login.
    queryCache: new QueryCache({ onError: (error) => sessionEnded(error) && client.setQueryData(identityKeys.me, null) }),
    mutationCache: new MutationCache({ onError: (error) => sessionEnded(error) && client.setQueryData(identityKeys.me, null) }),
  });
  return client;
}

function AntdProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    // No automatic space between two-character Chinese button labels ("登 录"): it changes the accessible name.
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <AntdProviders>{children}</AntdProviders>
    </QueryClientProvider>
  );
}
