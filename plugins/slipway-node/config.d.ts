export interface Config {
  /** Slipway: environments, the GitOps repository, and how to reach each environment's runtime. */
  slipway?: {
    /**
     * The environments, in promotion order (the first is promoted to the second, and so on). Templates below use
     * `{{ app.name }}`, `{{ app.system }}`, `{{ app.owner }}`, `{{ app.type }}`, `{{ app.labels.<key> }}`,
     * `{{ env.name }}` and `{{ env.namespace }}`.
     */
    environments: Array<{
      /** Lowercase DNS label used as the key in manifests (`spec.environments.<name>`). */
      name: string;
      /** Display name. Default: the name. */
      title?: string;
      /** Production environments need the owner group or platform admins to act, and approval by default. Default: false. */
      production?: boolean;
      /** Where the environment's workloads run. */
      kubernetes?: {
        /** Name of the cluster (see `slipway.kubernetes.clusters`). */
        cluster: string;
        /** Namespace template. Default: `{{ app.name }}-{{ env.name }}`. */
        namespace?: string;
      };
      /** The Argo CD application of each application in this environment. */
      argocd?: {
        /** Name of an instance in `slipway.argocd.instances`. */
        instance: string;
        /** Application name template. Default: `{{ app.name }}-{{ env.name }}`. */
        application?: string;
      };
      /** Link templates (URLs); every value inserted is URL-encoded. */
      links?: {
        /** The logs query for an application in this environment. */
        logs?: string;
        /** The dashboard of an application in this environment. */
        dashboard?: string;
        /** More links: title and URL template. */
        extra?: Array<{ title: string; url: string }>;
      };
      /** Approval of runs by a second person (docs/approvals.md). */
      approval?: {
        /** Runs here wait for approval. Default: true in production environments, false elsewhere. */
        required?: boolean;
        /** Only these actions need approval. Default: every action that changes something (dry runs never do). */
        actions?: string[];
        /** A run nobody approved or rejected in time expires. Default: 24. */
        expiresAfterHours?: number;
        /**
         * Also notified when a run here waits, besides the application's owners: users or groups (e.g.
         * `group:default/platform-admins`, a change board). Who may approve is still the permission policy's call.
         */
        notify?: string[];
      };
      /**
       * How each action runs in this environment (docs/actions.md). Without an entry, an action runs with its
       * default executor if it has one (Promote: the GitOps repository), and is otherwise unavailable here.
       */
      actions?: {
        /** Restart: `kubernetes` (rolling restart), `github-actions` (dispatch a workflow) or `webhook` (signed POST). */
        restart?: {
          executor: string;
          /** kubernetes: the workload to restart. Default: `deployment`. */
          kind?: 'deployment' | 'statefulset' | 'daemonset';
          /** kubernetes: name template of the workload. Default: `{{ app.name }}`. */
          workload?: string;
          /** github-actions: `owner/repo` template of the repository holding the workflow. */
          repository?: string;
          /** github-actions: workflow file name (e.g. `restart.yml`) or id. */
          workflow?: string;
          /** github-actions: git ref to run the workflow on. Default: `main`. */
          ref?: string;
          /** github-actions: workflow inputs, values are templates. */
          inputs?: { [name: string]: string };
          /**
           * github-actions: the workflow input that receives the Slipway run id, which the workflow must show in its
           * `run-name` so the run can be found. Default: `slipway_run_id`.
           */
          runIdInput?: string;
          /** github-actions: GitHub host (an `integrations.github` entry). Default: `github.com`. */
          host?: string;
          /** webhook: URL of the team's automation. */
          url?: string;
          /**
           * webhook: shared secret for the HMAC-SHA256 signature.
           * @visibility secret
           */
          secret?: string;
          /**
           * Seconds a run may take in all (each attempt starts the clock again); for webhook also how long to wait for
           * the automation's answer.
           */
          timeoutSeconds?: number;
        };
        /**
         * Rollback: `gitops`, the only executor (writes an earlier version into the manifest, like Promote). Off unless
         * set: it reads the manifest's Git history.
         */
        rollback?: {
          executor: string;
          /** How many earlier versions the form offers (and a run accepts), 1 to 20. Default: 5. */
          versions?: number;
        };
        /**
         * Pause: `gitops` (writes `replicas: 0` into the environment's manifest entry, remembering its replicas under
         * `paused`) or `kubernetes` (scales the workload to zero, remembering its replicas in annotations; for setups
         * where no GitOps tool applies the replicas). Off unless set; never offered in production; needs `resume` in
         * the same environment, with the same executor, or what is paused stays paused.
         */
        pause?: {
          executor: string;
          /** kubernetes: the workload to scale to zero (the same as Resume's). Default: `deployment`. */
          kind?: 'deployment' | 'statefulset';
          /** kubernetes: name template of the workload (the same as Resume's). Default: `{{ app.name }}`. */
          workload?: string;
          /**
           * When the environment runs; outside these hours the backend pauses its applications (as the requester
           * `schedule:slipway/pause`, without approval) and resumes them when the next stretch begins. Not allowed in
           * production.
           */
          schedule?: {
            /** IANA time zone of the times below, e.g. Europe/Paris. Default: UTC. */
            timeZone?: string;
            /** Stretches of the week the environment runs, e.g. Monday to Friday 07:00–20:00. */
            awake: Array<{
              /** mon, tue, wed, thu, fri, sat, sun. Default: every day. */
              days?: string[];
              /** "07:00", 24-hour. */
              from: string;
              /** "20:00", later than from; "24:00" is midnight. */
              to: string;
            }>;
          };
        };
        /**
         * Resume: the same executor as Pause's (`gitops` restores the replicas a pause remembered in the manifest,
         * `kubernetes` those it remembered on the workload). Where Pause has a schedule, a person may keep the
         * environment awake for some hours (`keepAwakeHours`).
         */
        resume?: {
          executor: string;
          /** kubernetes: as Pause's. */
          kind?: 'deployment' | 'statefulset';
          /** kubernetes: as Pause's. */
          workload?: string;
        };
        /**
         * Sync with Argo CD: `argocd`, the only executor (syncs or refreshes the environment's Argo CD application, with
         * the instance's token, which then needs `applications, sync`). Off unless set; needs the environment's `argocd`.
         */
        sync?: {
          executor: string;
          /** How long a sync is followed before the run fails, saying it goes on in Argo CD, in seconds; below `timeoutSeconds`. Default: 600. */
          waitSeconds?: number;
          /** How often Argo CD is asked about the sync, in seconds (0.05 to 60). Default: 2. */
          pollSeconds?: number;
          /** The run's time limit, in seconds. Default: 900. */
          timeoutSeconds?: number;
        };
        /** Any other action: its executor and settings. */
        [action: string]:
          | { executor?: string; [key: string]: unknown }
          | undefined;
      };
    }>;

    /** Kubernetes clusters the `kubernetes` executors (Restart, Pause and Resume) reach, by name (`environments[].kubernetes.cluster`). */
    kubernetes?: {
      clusters: Array<{
        name: string;
        /** API server URL, e.g. `https://k8s.example.com:6443`. */
        url: string;
        /**
         * Token of a service account allowed to `get` and `patch` the workloads.
         * @visibility secret
         */
        serviceAccountToken: string;
        /** The cluster's certificate authority: base64 of the PEM, as a kubeconfig's `certificate-authority-data`. */
        caData?: string;
        /** Skip TLS verification (never in production). */
        skipTLSVerify?: boolean;
      }>;
    };

    /** Argo CD instances that report the live state of applications. */
    argocd?: {
      instances: Array<{
        /** Name referred to by `slipway.environments[].argocd.instance`. */
        name: string;
        /** Base URL, e.g. `https://argocd.example.com`. */
        url: string;
        /**
         * An Argo CD API token (a project role or account token) with `applications, get`, which the live state
         * needs, and `applications, sync` in the environments where Sync with Argo CD is set up.
         * @visibility secret
         */
        token: string;
      }>;
      /** Time budget of one call to Argo CD, in milliseconds. Default: 2500. */
      timeoutMs?: number;
      /** Most calls to Argo CD in flight at once (per backend instance). Default: 8. */
      concurrency?: number;
      /** How long a live state is reused, in seconds. Default: 15. */
      cacheSeconds?: number;
    };

    /** The GitOps repository that holds the manifests. */
    gitops: {
      /**
       * The repository: an https URL reachable through Backstage's integrations (their tokens are used), or a
       * local repository (`file:///srv/gitops.git` or a path, relative to the backend's working directory).
       */
      url: string;
      /** Branch to read and change. Default: `main`. */
      branch?: string;
      /** Only read manifests under this folder of the repository. Default: the whole repository. */
      path?: string;
      /** How Slipway writes changes (Promote, templates): a commit pushed to the branch, or a GitHub pull request. Default: commit. */
      changes?: 'commit' | 'pull-request';
      /** How often the catalog reads the repository, in seconds. Default: 60. */
      refreshSeconds?: number;
    };

    /** Database copies (docs/database-copies.md): copy an application's production database into another environment. */
    databases?: {
      /**
       * Each environment's PostgreSQL server, by environment name, reached as a role that may create databases and
       * roles (and read every table on the source). An entry left empty (`url: ${VAR:-}` with VAR unset) means none.
       */
      servers?: {
        [environment: string]: {
          /**
           * `postgresql://user:password@host:port/database?sslmode=…`; the fields below override its parts.
           * @visibility secret
           */
          url?: string;
          /** Host name, IP address or Unix socket folder. */
          host?: string;
          /** Default: 5432. */
          port?: number;
          /** The administrator role. */
          user?: string;
          /**
           * The administrator role's password.
           * @visibility secret
           */
          password?: string;
          /** Database to connect to for CREATE and DROP DATABASE. Default: `postgres`. */
          database?: string;
          /** libpq sslmode. Default: `prefer`. */
          sslmode?:
            | 'disable'
            | 'allow'
            | 'prefer'
            | 'require'
            | 'verify-ca'
            | 'verify-full';
          /** Host developers connect to, shown with a copy's connection details. Default: `host`. */
          clientHost?: string;
        };
      };
      /** The environment whose databases are copied. Default: the first production environment. */
      source?: string;
      /** Time to live of copies. */
      ttl?: {
        /** Default: 8. */
        defaultHours?: number;
        /** The longest a copy may live, counted from its creation (extensions included). Default: 72. */
        maxHours?: number;
      };
      /**
       * SQL run in each new copy before anyone may connect to it, by application name then component name. Use
       * `sql: { $file: path/to/mask.sql }` to keep it in a file.
       */
      masking?: {
        [application: string]: {
          [component: string]: {
            sql: string;
            /** The requester may not skip it. Default: true. */
            required?: boolean;
          };
        };
      };
      /** Folder of pg_dump and pg_restore (at least the servers' major version). Default: found on PATH. */
      binDir?: string;
      /**
       * Encrypts the copies' generated passwords at rest. Default: derived from the target server's password.
       * @visibility secret
       */
      credentialsKey?: string;
      /** How often expired copies are looked for, in seconds. Default: 60. */
      expiryCheckSeconds?: number;
    };

    /** How the backend executes runs. The defaults suit production. */
    runs?: {
      /** How often each instance looks for runs to execute, in seconds. Default: 2. */
      pollSeconds?: number;
      /** How often an executing instance says it is alive, in seconds. Default: 5. */
      heartbeatSeconds?: number;
      /** A run without a heartbeat for this long belongs to a dead instance and is resumed or interrupted. Default: 30. */
      staleSeconds?: number;
      /** Most runs executing on one instance at a time (they mostly wait on other systems). Default: 100. */
      maxConcurrent?: number;
    };

    /** Annotations the catalog module writes for other plugins. */
    catalog?: {
      /** Value template of `grafana/dashboard-selector`. Default: `tags @> 'app:{{ app.name }}'`. */
      grafanaDashboardSelector?: string;
    };
  };
}
