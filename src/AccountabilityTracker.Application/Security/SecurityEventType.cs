namespace AccountabilityTracker.Application.Security;

public enum SecurityEventType
{
    SignInSucceeded = 1,
    SignInFailed = 2,
    LockedOut = 3,
    SignedOut = 4,
    UserCreated = 5,
    RolesChanged = 6,
    UserLocked = 7,
    UserUnlocked = 8,
    PasswordReset = 9,
    TwoFactorEnabled = 10,
    TwoFactorDisabled = 11,
    FirstAdministratorCreated = 12,
    SetupLinkIssued = 13,
    AccessTokenCreated = 14,
    AccessTokenRevoked = 15,
    ImportUploaded = 16,
    ImportConfirmed = 17,
    ImportUploadsExpired = 18,
    DatabaseBackedUp = 19,
}
