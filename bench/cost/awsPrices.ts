/**
 * us-east-1 list prices (checked 2026-11) and the always-free tiers the cost model applies.
 * Each block cites its price page; update here, nowhere else.
 */
export const AWS_PRICES = {
  /** https://aws.amazon.com/lambda/pricing/ (Arm; always free: 1M requests and 400,000 GB-s a month) */
  lambda: { perGbSecondArm: 0.0000133334, perMillionRequests: 0.2, freeRequests: 1_000_000, freeGbSeconds: 400_000 },
  /**
   * https://aws.amazon.com/dynamodb/pricing/on-demand/ (on-demand: $0.625 per million write
   * request units, $0.125 per million read request units; storage $0.25/GB-month after 25 GB
   * free; continuous backups (PITR) $0.20/GB-month). The free 25 WCU/RCU apply to
   * provisioned capacity only, so on-demand requests get no free tier.
   */
  dynamodb: { perMillionWriteUnits: 0.625, perMillionReadUnits: 0.125, perGbMonth: 0.25, freeGb: 25, pitrPerGbMonth: 0.2 },
  /** https://aws.amazon.com/sqs/pricing/ (FIFO $0.50 per million requests; first 1M requests a month free, each 64 KB chunk is a request) */
  sqs: { fifoPerMillionRequests: 0.5, freeRequests: 1_000_000 },
  /**
   * https://aws.amazon.com/cloudwatch/pricing/ (custom metrics $0.30 each a month, prorated
   * by the hour, first 10 free; standard alarms $0.10 per alarm metric, first 10 free;
   * dashboards $3 each, first 3 free (up to 50 metrics each); logs ingestion $0.50/GB and
   * storage $0.03/GB-month, 5 GB free)
   */
  cloudwatch: { perMetricMonth: 0.3, freeMetrics: 10, perAlarmMetric: 0.1, freeAlarmMetrics: 10, perDashboard: 3, freeDashboards: 3, logsPerGbIngested: 0.5, logsPerGbStored: 0.03, freeLogsGb: 5 },
  /** https://aws.amazon.com/secrets-manager/pricing/ ($0.40 per secret a month, $0.05 per 10,000 API calls; no free tier after the 30-day trial) */
  secretsManager: { perSecretMonth: 0.4, perTenThousandCalls: 0.05 },
  /** https://aws.amazon.com/eventbridge/pricing/ (Scheduler: 14M invocations a month free, then $1.00 per million) */
  scheduler: { perMillionInvocations: 1, freeInvocations: 14_000_000 },
  /** https://aws.amazon.com/systems-manager/pricing/ (standard parameters and standard-throughput API calls: no charge) */
  ssm: { perStandardParameter: 0 },
  /** https://aws.amazon.com/step-functions/pricing/ (standard workflows $0.025 per 1,000 state transitions; 4,000 a month free) */
  stepFunctions: { perThousandTransitions: 0.025 },
  /** https://aws.amazon.com/s3/pricing/ (S3 Standard: PUT, COPY, POST, LIST $0.005 per 1,000; GET, HEAD and the rest $0.0004 per 1,000) */
  s3: { perThousandPuts: 0.005, perThousandGets: 0.0004 },
} as const;

export const HOURS_PER_MONTH = 730;
export const MINUTES_PER_MONTH = HOURS_PER_MONTH * 60;
